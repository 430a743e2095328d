import { RULE_TYPE_LABELS, ruleType, type Rule } from "@/lib/access/rules";
import type { TokenNames } from "./types";

/** "Service Token: CI deploy", "IP ranges: 192.0.2.0/24", "Everyone". */
export function ruleText(rule: Rule, tokenNames: TokenNames): string {
  const label = RULE_TYPE_LABELS[ruleType(rule)];
  if ("service_token" in rule) {
    const name = tokenNames[rule.service_token.token_id];
    return `${label}: ${name ?? `deleted token (${rule.service_token.token_id.slice(0, 8)}…)`}`;
  }
  if ("ip" in rule) return `${label}: ${rule.ip.ip}`;
  if ("email" in rule) return `${label}: ${rule.email.email}`;
  if ("email_domain" in rule) return `${label}: ${rule.email_domain.domain}`;
  return label;
}
