"use client";

import { Plus, X } from "lucide-react";
import { RULE_TYPE_LABELS, RULE_TYPES, ruleSchema, ruleType, type Rule, type RuleListName, type RuleType } from "@/lib/access/rules";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ServiceTokenCombobox } from "./service-token-combobox";
import type { ServiceTokenOption } from "./types";

// The rule lists of a policy, edited as rows of "selector + value". A row holds what the user typed;
// toRule() turns it into the wire rule that ruleSchema (the server's schema) checks.

export interface DraftRule {
  key: string;
  type: RuleType;
  /** Token id, CIDR, email or domain; unused by Everyone and Any Access Service Token. */
  value: string;
}

let nextKey = 0;
export const newDraftRule = (type: RuleType = "service_token", value = ""): DraftRule => ({ key: `rule-${++nextKey}`, type, value });

export function fromRule(rule: Rule): DraftRule {
  if ("service_token" in rule) return newDraftRule("service_token", rule.service_token.token_id);
  if ("ip" in rule) return newDraftRule("ip", rule.ip.ip);
  if ("email" in rule) return newDraftRule("email", rule.email.email);
  if ("email_domain" in rule) return newDraftRule("email_domain", rule.email_domain.domain);
  return newDraftRule(ruleType(rule));
}

export function toRule(draft: DraftRule): Rule {
  const value = draft.value.trim();
  switch (draft.type) {
    case "service_token":
      return { service_token: { token_id: value } };
    case "ip":
      return { ip: { ip: value } };
    case "email":
      return { email: { email: value } };
    case "email_domain":
      return { email_domain: { domain: value.replace(/^@/, "") } };
    case "everyone":
      return { everyone: {} };
    case "any_valid_service_token":
      return { any_valid_service_token: {} };
  }
}

const EMPTY_VALUE: Partial<Record<RuleType, string>> = {
  service_token: "Choose a service token.",
  ip: "Enter an IP address or CIDR range.",
  email: "Enter an email address.",
  email_domain: "Enter a domain.",
};

/** Why the row is not a valid rule (a sentence), or null. */
export function draftRuleProblem(draft: DraftRule): string | null {
  if (draft.value.trim() === "" && EMPTY_VALUE[draft.type]) return EMPTY_VALUE[draft.type]!;
  const parsed = ruleSchema.safeParse(toRule(draft));
  if (parsed.success) return null;
  const message = parsed.error.issues[0].message;
  return `${message[0].toUpperCase()}${message.slice(1)}.`;
}

const PLACEHOLDERS: Partial<Record<RuleType, string>> = {
  ip: "192.0.2.0/24 or 2001:db8::/32",
  email: "someone@example.com",
  email_domain: "example.com",
};

const NO_VALUE_HINTS: Partial<Record<RuleType, string>> = {
  everyone: "Matches every request.",
  any_valid_service_token: "Matches any valid service token of this account.",
};

export const RULE_LISTS: { name: RuleListName; title: string; description: string }[] = [
  { name: "include", title: FIELD_LABELS.include, description: "A request matches if it meets any of these rules (OR). At least one is required." },
  { name: "require", title: FIELD_LABELS.require, description: "…and it must also meet all of these rules (AND)." },
  { name: "exclude", title: FIELD_LABELS.exclude, description: "…and none of these rules (NOT)." },
];

export function RuleList({
  list,
  title,
  description,
  rules,
  onChange,
  problems,
  listError,
  tokenOptions,
}: {
  list: RuleListName;
  title: string;
  description: string;
  rules: DraftRule[];
  onChange: (next: DraftRule[]) => void;
  /** Problems by row key, shown after a submit attempt. */
  problems: Record<string, string | undefined>;
  listError?: string;
  tokenOptions: ServiceTokenOption[];
}) {
  const update = (key: string, patch: Partial<DraftRule>) => onChange(rules.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="grid min-w-0 grid-cols-1 gap-2 rounded-lg border border-zinc-200 px-4 pt-2 pb-3">
      <legend className="px-1 text-sm font-medium text-zinc-800">{title}</legend>
      <p className="-mt-1 text-xs text-zinc-500">{description}</p>
      {rules.map((rule, i) => {
        const n = `${title} rule ${i + 1}`;
        const problem = problems[rule.key];
        return (
          <div key={rule.key} className="grid grid-cols-1 gap-1">
            <div className="flex min-w-0 items-start gap-2">
              <NativeSelect
                aria-label={`${n} selector`}
                value={rule.type}
                onChange={(e) => update(rule.key, { type: e.target.value as RuleType, value: "" })}
                className="w-52 shrink-0"
              >
                {RULE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {RULE_TYPE_LABELS[t]}
                  </option>
                ))}
              </NativeSelect>
              <div className="min-w-0 flex-1">
                {rule.type === "service_token" ? (
                  <ServiceTokenCombobox
                    label={`${n} service token`}
                    options={tokenOptions}
                    value={rule.value}
                    onChange={(id) => update(rule.key, { value: id })}
                    invalid={Boolean(problem)}
                  />
                ) : PLACEHOLDERS[rule.type] ? (
                  <Input
                    aria-label={`${n} value`}
                    value={rule.value}
                    onChange={(e) => update(rule.key, { value: e.target.value })}
                    placeholder={PLACEHOLDERS[rule.type]}
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={320}
                    className="font-mono"
                    aria-invalid={problem ? true : undefined}
                  />
                ) : (
                  <p className="flex h-9 items-center text-sm text-zinc-500">{NO_VALUE_HINTS[rule.type]}</p>
                )}
              </div>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="size-9 text-zinc-500 hover:bg-red-50 hover:text-red-600"
                aria-label={`Remove ${n.toLowerCase()}`}
                onClick={() => onChange(rules.filter((r) => r.key !== rule.key))}
              >
                <X className="size-4" aria-hidden />
              </Button>
            </div>
            <FieldError>{problem}</FieldError>
          </div>
        );
      })}
      <div>
        <Button type="button" variant="ghost" size="sm" className="-ml-2 text-blue-700 hover:bg-blue-50 hover:text-blue-800" onClick={() => onChange([...rules, newDraftRule()])}>
          <Plus className="size-3.5" aria-hidden />
          Add {list} rule
        </Button>
      </div>
      <FieldError>{listError}</FieldError>
    </fieldset>
  );
}
