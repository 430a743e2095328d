import type { Rule } from "@/lib/access/rules";
import { POLICY_DECISION_LABELS, type PolicyDecision } from "@/lib/access/schemas";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { ruleText } from "@/components/policies/rule-text";
import { durationLabel } from "@/components/service-tokens/token-duration";
import { formatDateTime } from "@/components/ui/format";
import type { AuditNames } from "./types";

// What an audit entry's before/after snapshots say, in words: one label for every key any object
// type records (the forms' own labels where a form has the field), values as the rest of the
// dashboard shows them (a policy's rules as on the policy page: "Service Token: CI deploy"), and
// empty fields left out. Pure: the audit log and every audit trail use it (audit-changes.tsx).

/** Every snapshot key, in the order a created object's fields are listed. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: FIELD_LABELS.name,
  email: "Email",
  role: "Role",
  decision: FIELD_LABELS.decision,
  include: FIELD_LABELS.include,
  require: FIELD_LABELS.require,
  exclude: FIELD_LABELS.exclude,
  domain: FIELD_LABELS.domain,
  policies: FIELD_LABELS.policies,
  duration: "Duration",
  expires_at: "Expires",
  enabled: "Enabled",
  permissions: FIELD_LABELS.permissions,
  client_id: "Client ID",
  client_secret_version: "Secret version",
  previous_client_secret_expires_at: "Old secret valid until",
  session_duration: FIELD_LABELS.session_duration,
  type: "Type",
  aud: FIELD_LABELS.aud,
  read_service_tokens_from_header: FIELD_LABELS.read_service_tokens_from_header,
  service_auth_401_redirect: FIELD_LABELS.service_auth_401_redirect,
  last_revoked_at: "Tokens revoked",
  description: "Description",
  alert_type: "Alert type",
  days_before_expiration: "Days before expiry",
  token_id: "Service tokens",
  webhooks: "Webhooks",
  url_origin: "URL",
  secret: "Secret",
  secret_changed: "Secret changed",
  kid: "Key ID",
  sessions_ended: "Sessions ended",
  key_rotation_interval_days: FIELD_LABELS.key_rotation_interval_days,
  strict_service_token_auth: FIELD_LABELS.strict_service_token_auth,
};

const FIELD_ORDER = Object.keys(AUDIT_FIELD_LABELS);
const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
const byFieldOrder = (a: string, b: string) => rank(a) - rank(b);

const sentence = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** A key's label; a key no map knows is humanised ("rotation_window" → "Rotation window"). */
export function auditFieldLabel(key: string): string {
  return AUDIT_FIELD_LABELS[key] ?? sentence(key.replace(/[_.]+/g, " ").trim());
}

const VALUE_WORDS: Record<string, Record<string, string>> = {
  type: { self_hosted: "Self-hosted" },
  alert_type: { expiring_service_token_alert: "Expiring service token" },
  secret: { set: "Set", none: "None" },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const RULE_LISTS = new Set(["include", "require", "exclude"]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Empty: absent, null, "" or an empty list. `false` and 0 are values. */
export function isEmptyAuditValue(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function referenced(names: AuditNames["serviceTokens"], id: string): string | undefined {
  const n = names[id];
  return n ? `${n.name}${n.deleted ? " (deleted)" : ""}` : undefined;
}

/** One value of a snapshot, as the dashboard would write it. */
export function formatAuditValue(key: string, value: unknown, names: AuditNames): string {
  if (isEmptyAuditValue(value)) return key === "expires_at" ? "Never" : "none";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (RULE_LISTS.has(key) && Array.isArray(value)) {
    const tokenNames = Object.fromEntries(Object.keys(names.serviceTokens).map((id) => [id, referenced(names.serviceTokens, id)!]));
    return value.map((rule) => (isRecord(rule) ? ruleText(rule as Rule, tokenNames) : String(rule))).join(" · ");
  }
  if (key === "policies" && Array.isArray(value)) {
    return [...value]
      .filter(isRecord)
      .sort((a, b) => Number(a.precedence) - Number(b.precedence))
      .map((p) => referenced(names.policies, String(p.id)) ?? `deleted policy (${String(p.id).slice(0, 8)}…)`)
      .join(", ");
  }
  if (key === "token_id" && Array.isArray(value)) {
    return value.map((id) => referenced(names.serviceTokens, String(id)) ?? `deleted token (${String(id).slice(0, 8)}…)`).join(", ");
  }
  if (key === "webhooks" && Array.isArray(value)) return plural(value.length, "webhook");
  if (key === "days_before_expiration" && Array.isArray(value)) return `${value.join(", ")} days`;
  if (key === "key_rotation_interval_days" && typeof value === "number") return plural(value, "day");
  if (typeof value === "string") {
    if (key === "duration" || key === "session_duration") return durationLabel(value);
    if (key === "decision" && value in POLICY_DECISION_LABELS) return POLICY_DECISION_LABELS[value as PolicyDecision];
    if (key === "role" && (ROLES as readonly string[]).includes(value)) return ROLE_LABELS[value as Role];
    const word = VALUE_WORDS[key]?.[value];
    if (word) return word;
    if (ISO_DATE.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return formatDateTime(d);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatAuditValue("", v, names)).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export interface AuditField {
  key: string;
  label: string;
}

export type AuditSummary =
  /** An update: the fields that changed, before → after. */
  | { kind: "changed"; fields: (AuditField & { before: string; after: string })[] }
  /** A creation (no before): its fields that hold something. */
  | { kind: "created"; fields: (AuditField & { value: string })[] }
  | { kind: "removed" }
  | { kind: "none" };

type Snapshot = Record<string, unknown>;
const isSnapshot = (v: unknown): v is Snapshot => isRecord(v);
const same = (a: unknown, b: unknown) => JSON.stringify(isEmptyAuditValue(a) ? null : a) === JSON.stringify(isEmptyAuditValue(b) ? null : b);

/** What an entry changed, in words. */
export function summarizeAuditEntry(before: unknown, after: unknown, names: AuditNames): AuditSummary {
  if (isSnapshot(before) && isSnapshot(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !same(before[k], after[k])).sort(byFieldOrder);
    return {
      kind: "changed",
      fields: keys.map((key) => ({ key, label: auditFieldLabel(key), before: formatAuditValue(key, before[key], names), after: formatAuditValue(key, after[key], names) })),
    };
  }
  if (isSnapshot(after)) {
    const keys = Object.keys(after)
      .filter((k) => !isEmptyAuditValue(after[k]))
      .sort(byFieldOrder);
    return { kind: "created", fields: keys.map((key) => ({ key, label: auditFieldLabel(key), value: formatAuditValue(key, after[key], names) })) };
  }
  if (isSnapshot(before)) return { kind: "removed" };
  return { kind: "none" };
}
