import type { Rule, RuleListName } from "@/lib/access/rules";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { ruleText } from "./rule-text";
import type { TokenNames } from "./types";

const LISTS: readonly RuleListName[] = ["include", "require", "exclude"];

/** A policy's rules, one line per non-empty list: "Include  Service Token: CI · IP ranges: 10.0.0.0/8". */
export function RuleSummary({ rules, tokenNames, compact = false }: { rules: Record<"include" | "require" | "exclude", Rule[]>; tokenNames: TokenNames; compact?: boolean }) {
  return (
    <dl className={compact ? "grid gap-0.5" : "grid gap-1.5"}>
      {LISTS.filter((list) => rules[list].length > 0).map((list) => {
        const text = rules[list].map((r) => ruleText(r, tokenNames)).join(" · ");
        return (
          <div key={list} className="flex min-w-0 items-baseline gap-2">
            <dt className="w-14 shrink-0 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{FIELD_LABELS[list]}</dt>
            <dd className={compact ? "min-w-0 truncate text-[13px] text-zinc-700" : "min-w-0 text-sm text-zinc-800"} title={compact ? text : undefined}>
              {text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
