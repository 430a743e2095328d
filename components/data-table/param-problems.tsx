import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * Instead of a log, when a filter in the address cannot be read (readFilterParams in
 * app/(dashboard)/list-params.ts): showing the log without it would show more than the link
 * promised. Names the parameters, never their values. `what` is the log ("log", "history").
 */
export function ParamProblems({
  problems,
  cleanHref,
  what = "log",
}: {
  problems: { param: string; label: string; problem: string }[];
  cleanHref: string;
  what?: string;
}) {
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-14 text-center">
      <TriangleAlert className="size-8 text-amber-500" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">This link has filters the {what} cannot read</h2>
      <ul className="mt-2 grid gap-1 text-sm text-zinc-600">
        {problems.map((p) => (
          <li key={p.param}>
            {p.label} (<code className="font-mono text-[13px]">{p.param}</code>) {p.problem}.
          </li>
        ))}
      </ul>
      <Button asChild variant="secondary" size="sm" className="mt-5">
        <Link href={cleanHref}>
          Show the {what} without {problems.length === 1 ? "it" : "them"}
        </Link>
      </Button>
    </div>
  );
}
