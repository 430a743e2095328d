import { ChevronRight } from "lucide-react";
import Link from "next/link";

export interface Crumb {
  label: string;
  href?: string;
}

export function PageHeader({
  breadcrumbs,
  title,
  description,
  actions,
  badge,
}: {
  breadcrumbs: Crumb[];
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  badge?: React.ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      {/* A title wraps, anywhere if it must (a 255-character name has no spaces to break at). */}
      <div className="min-w-0 max-w-full">
        <nav aria-label="Breadcrumb" className="mb-1.5">
          <ol className="flex flex-wrap items-center gap-1 text-xs text-zinc-500">
            {breadcrumbs.map((crumb, i) => {
              const last = i === breadcrumbs.length - 1;
              return (
                // By position: an object may be named like the list it is in.
                <li key={i} className={last ? "flex min-w-0 items-center gap-1" : "flex items-center gap-1"}>
                  {i > 0 ? <ChevronRight className="size-3 shrink-0 text-zinc-400" aria-hidden /> : null}
                  {crumb.href ? (
                    <Link href={crumb.href} className="rounded-sm hover:text-zinc-900 hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none">
                      {crumb.label}
                    </Link>
                  ) : last ? (
                    // The object's own name may be 255 characters without a space: one line, cut, all of it on hover.
                    <span aria-current="page" title={crumb.label} className="block max-w-[min(32rem,70vw)] truncate">
                      {crumb.label}
                    </span>
                  ) : (
                    <span>{crumb.label}</span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="min-w-0 text-xl font-semibold tracking-tight [overflow-wrap:anywhere] text-zinc-900 sm:text-2xl">{title}</h1>
          {badge}
        </div>
        {description ? <p className="mt-1 max-w-3xl text-sm text-zinc-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex max-w-full flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
