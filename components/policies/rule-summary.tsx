import type { Rule, RuleListName } from "@/lib/access/rules";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { cn } from "@/components/ui/cn";
import { ruleText } from "./rule-text";
import type { TokenNames } from "./types";

const LISTS: readonly RuleListName[] = ["include", "require", "exclude"];

/**
 * A policy's rules, one line per non-empty list: "Include  Service Token: CI · IP ranges: 10.0.0.0/8".
 * An empty include (left by deleting the token that was its only include rule, or a required one)
 * matches nothing, and says so.
 */
export function RuleSummary({ rules, tokenNames, compact = false }: { rules: Record<"include" | "require" | "exclude", Rule[]>; tokenNames: TokenNames; compact?: boolean }) {
  return (
    <dl className={compact ? "grid gap-0.5" : "grid gap-1.5"}>
      {LISTS.filter((list) => list === "include" || rules[list].length > 0).map((list) => {
        const none = rules[list].length === 0;
        const text = none ? "No rule: matches nothing" : rules[list].map((r) => ruleText(r, tokenNames)).join(" · ");
        return (
          <div key={list} className="flex min-w-0 items-baseline gap-2">
            <dt className="w-14 shrink-0 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{FIELD_LABELS[list]}</dt>
            <dd
              className={cn(compact ? "min-w-0 truncate text-[13px] text-zinc-700" : "min-w-0 text-sm text-zinc-800", none && "text-amber-700")}
              title={compact ? text : undefined}
            >
              {text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
