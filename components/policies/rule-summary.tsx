import type { Rule } from "@/lib/access/rules";
import { ruleText } from "./rule-text";
import type { TokenNames } from "./types";

const LISTS = [
  { key: "include", label: "Include" },
  { key: "require", label: "Require" },
  { key: "exclude", label: "Exclude" },
] as const;

/** A policy's rules, one line per non-empty list: "Include  Service Token: CI · IP ranges: 10.0.0.0/8". */
export function RuleSummary({ rules, tokenNames, compact = false }: { rules: Record<"include" | "require" | "exclude", Rule[]>; tokenNames: TokenNames; compact?: boolean }) {
  return (
    <dl className={compact ? "grid gap-0.5" : "grid gap-1.5"}>
      {LISTS.filter((l) => rules[l.key].length > 0).map((l) => (
        <div key={l.key} className="flex min-w-0 items-baseline gap-2">
          <dt className="w-14 shrink-0 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{l.label}</dt>
          <dd className={compact ? "min-w-0 truncate text-[13px] text-zinc-700" : "min-w-0 text-sm text-zinc-800"} title={compact ? rules[l.key].map((r) => ruleText(r, tokenNames)).join(" · ") : undefined}>
            {rules[l.key].map((r) => ruleText(r, tokenNames)).join(" · ")}
          </dd>
        </div>
      ))}
    </dl>
  );
}
