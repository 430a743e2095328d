import { ListChecks } from "lucide-react";
import Link from "next/link";
import { TRUNCATED_LINK } from "@/components/data-table/cells";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { cn } from "@/components/ui/cn";
import { DecisionBadge } from "./decision-badge";
import type { ServiceTokenUsage } from "./types";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Used by" on a service token's page: the policies that name it, and the applications they protect. */
export function ServiceTokenUsageList({ usage }: { usage: ServiceTokenUsage }) {
  if (usage.policies.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-10 text-center">
        <ListChecks className="size-7 text-zinc-300" aria-hidden />
        <p className="mt-3 text-sm font-medium text-zinc-900">Not used by any policy</p>
        <p className="mt-1 max-w-md text-sm text-zinc-500">
          Add this token to a Service Auth policy&apos;s rules on the{" "}
          <Link href="/policies" className="text-blue-700 hover:underline">
            Policies
          </Link>{" "}
          page, then attach the policy to an application.
        </p>
      </div>
    );
  }
  return (
    <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
      <section aria-label="Policies" className="min-w-0">
        <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{count(usage.policies.length, "Policy", "Policies")}</h3>
        <ul className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {usage.policies.map((p) => (
            <li key={p.id} className="grid grid-cols-1 gap-1 px-3 py-2.5">
              <div className="flex items-center gap-2">
                <span className="min-w-0 truncate text-sm font-medium text-zinc-900" title={p.name}>
                  {p.name}
                </span>
                <DecisionBadge decision={p.decision} />
                <span className="ml-auto shrink-0 text-xs text-zinc-500">in {p.lists.map((l) => FIELD_LABELS[l]).join(", ")}</span>
              </div>
              <p className="truncate text-xs text-zinc-500" title={p.apps.map((a) => a.name).join(", ")}>
                {p.apps.length === 0 ? "Not attached to any application" : `Attached to ${p.apps.map((a) => a.name).join(", ")}`}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Applications" className="min-w-0">
        <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{count(usage.apps.length, "Application", "Applications")}</h3>
        {usage.apps.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-zinc-300 px-3 py-2.5 text-sm text-zinc-500">
            None of these policies is attached to an application yet.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-100 rounded-lg border border-zinc-200">
            {usage.apps.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-3 px-3 py-2.5">
                <Link href={`/applications/${a.id}`} className={cn("min-w-0 text-sm font-medium", TRUNCATED_LINK)} title={a.name}>
                  {a.name}
                </Link>
                <code className="max-w-[50%] min-w-0 shrink-0 truncate font-mono text-xs text-zinc-500" title={a.domain}>
                  {a.domain}
                </code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/**
 * The same, in a sentence and two short lists, for the delete confirmation, with what the delete
 * does to those policies (deleteServiceToken): the token leaves their rules, and a policy that had
 * it as its only include rule, or required it, matches nothing afterwards.
 */
export function ServiceTokenUsageSummary({ usage }: { usage: ServiceTokenUsage }) {
  if (usage.policies.length === 0) {
    return <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">No policy or application uses this token.</p>;
  }
  const one = usage.policies.length === 1;
  const emptied = usage.policies.filter((p) => p.matchesNothingAfterDelete);
  return (
    <div className="grid gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 [overflow-wrap:anywhere]" data-testid="token-usage">
      <p className="font-medium">
        Used by {count(usage.apps.length, "application", "applications")} through {count(usage.policies.length, "policy", "policies")}. Deleting
        it also removes it from the rules of {one ? "that policy" : "those policies"}.
      </p>
      {usage.apps.length > 0 ? (
        <p>
          <span className="font-medium">Applications:</span> {usage.apps.map((a) => a.name).join(", ")}
        </p>
      ) : null}
      <p>
        <span className="font-medium">Policies:</span> {usage.policies.map((p) => p.name).join(", ")}
      </p>
      {emptied.length > 0 ? (
        <p>
          {emptied.length === usage.policies.length ? (one ? "That policy" : "Those policies") : emptied.map((p) => p.name).join(", ")} will then
          match nothing until given a new rule: the token is {emptied.length === 1 ? "its" : "their"} only Include rule, or one of{" "}
          {emptied.length === 1 ? "its" : "their"} Require rules.
        </p>
      ) : null}
    </div>
  );
}
