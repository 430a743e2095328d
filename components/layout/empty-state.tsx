import type { LucideIcon } from "lucide-react";

/**
 * A list before its first item: what the items are for, and the button that creates the first one
 * (`create`), or, for an administrator who may not, who can.
 */
export function EmptyState({ icon: Icon, title, children, create }: { icon: LucideIcon; title: string; children: React.ReactNode; create?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-blue-50 ring-8 ring-blue-50/50">
        <Icon className="size-6 text-blue-600" aria-hidden />
      </div>
      <h2 className="mt-5 text-base font-semibold text-zinc-900">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">{children}</p>
      {create ? <div className="mt-6">{create}</div> : <p className="mt-4 text-sm text-zinc-500">An administrator with write access can create one.</p>}
    </div>
  );
}
