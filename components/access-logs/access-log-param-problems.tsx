import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * Instead of the log, when a filter in the address cannot be read: showing the log without it would
 * show more than the link promised. Names the parameters, never their values.
 */
export function AccessLogParamProblems({ problems, cleanHref }: { problems: { param: string; label: string; problem: string }[]; cleanHref: string }) {
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-14 text-center">
      <TriangleAlert className="size-8 text-amber-500" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">This link has filters the log cannot read</h2>
      <ul className="mt-2 grid gap-1 text-sm text-zinc-600">
        {problems.map((p) => (
          <li key={p.param}>
            {p.label} (<code className="font-mono text-[13px]">{p.param}</code>) {p.problem}.
          </li>
        ))}
      </ul>
      <Button asChild variant="secondary" size="sm" className="mt-5">
        <Link href={cleanHref}>Show the log without {problems.length === 1 ? "it" : "them"}</Link>
      </Button>
    </div>
  );
}
