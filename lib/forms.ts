import { ROLE_LABELS, type Role } from "./auth/permissions";
import { AppError } from "./errors";

// Maps the domain's AppError to what a dashboard form or toast shows. Server actions return
// `FormResult` (through adminAction, lib/auth/admin-action.ts); anything that is not an AppError (a
// bug, or Next's redirect/notFound signals) is rethrown so that it reaches Next instead of being
// shown as a message.

export type FormFailure = { ok: false; error: string; field?: string };
export type FormResult<T extends object = object> = ({ ok: true } & T) | FormFailure;

/**
 * The words the forms use for the fields the domain names: the service-token and administrator
 * inputs in camelCase, the Access and alerting inputs in their wire names (session_duration,
 * mechanisms.email, ...).
 */
const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  duration: "Duration",
  enabled: "Enabled",
  email: "Email",
  password: "Password",
  currentPassword: "Current password",
  newPassword: "New password",
  role: "Role",
  previousSecretExpiresAt: "Grace period",
  domain: "Domain",
  session_duration: "Session duration",
  read_service_tokens_from_header: "Single header name",
  service_auth_401_redirect: "Return 401 for Service Auth",
  decision: "Action",
  include: "Include",
  require: "Require",
  exclude: "Exclude",
  key_rotation_interval_days: "Rotation interval",
  strict_service_token_auth: "Strict mode",
  permissions: "Permissions",
  expiresAt: "Expiry date",
  alert_type: "Alert type",
  description: "Description",
  mechanisms: "Recipients",
  "mechanisms.email": "Email recipients",
  "mechanisms.webhooks": "Webhook destinations",
  "filters.days_before_expiration": "Notify before expiry",
  url: "URL",
  secret: "Secret",
};

const RULE_LISTS: Record<string, string> = { include: "Include", require: "Require", exclude: "Exclude" };

/** One entry of a list field: "mechanisms.email.2.id" → "Email recipient 3". */
const LIST_ENTRIES: [RegExp, string][] = [
  [/^policies\.(\d+)(?:\.|$)/, "Policy"],
  [/^mechanisms\.email\.(\d+)(?:\.|$)/, "Email recipient"],
  [/^mechanisms\.webhooks\.(\d+)(?:\.|$)/, "Webhook destination"],
];

/** "include.0.ip.ip" → "Include rule 1", "policies.2" → "Policy 3". */
function labelOf(field: string): string | undefined {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const rule = /^(include|require|exclude)\.(\d+)(?:\.|$)/.exec(field);
  if (rule) return `${RULE_LISTS[rule[1]]} rule ${Number(rule[2]) + 1}`;
  for (const [pattern, label] of LIST_ENTRIES) {
    const entry = pattern.exec(field);
    if (entry) return `${label} ${Number(entry[1]) + 1}`;
  }
  if (field.startsWith("filters.days_before_expiration.")) return FIELD_LABELS["filters.days_before_expiration"];
  return undefined;
}

const sentence = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const stripPrefix = (message: string, prefix: string) => (message.startsWith(prefix) ? message.slice(prefix.length) : message);

/** A failure for a form: the message to show, and the field to mark when there is one. */
export function formFailure(error: string, field?: string): FormFailure {
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}

/** "Name must not be empty", "Include rule 1: not an IP address or CIDR range". */
function invalidFieldMessage(error: AppError, field: string): string {
  const label = labelOf(field) ?? sentence(field);
  const prefix = `invalid request: ${field}: `;
  if (!error.message.startsWith(prefix)) return `${label} ${error.message}`;
  const reason = error.message.slice(prefix.length);
  return /^(must|is) /.test(reason) ? `${label} ${reason}` : `${label}: ${reason}`;
}

/**
 * Turns an AppError into a FormFailure, the field named as the form names it; rethrows anything
 * else. `role` names the caller's role in the "not allowed" message.
 */
export function toFormFailure(error: unknown, role?: Role): FormFailure {
  if (!(error instanceof AppError)) throw error;
  switch (error.code) {
    case "forbidden":
      return formFailure(role ? `Your role (${ROLE_LABELS[role]}) cannot make changes.` : "You are not allowed to make this change.");
    case "invalid_request": {
      const field = error.details?.field;
      if (!field) return formFailure(sentence(stripPrefix(error.message, "invalid request: ")));
      return formFailure(invalidFieldMessage(error, field), field);
    }
    case "not_found":
      return formFailure(`${sentence(error.message)}. It may have been deleted; reload the page.`);
    case "conflict":
      return formFailure(sentence(stripPrefix(error.message, "conflict: ")));
    case "unauthenticated":
      return formFailure("Your session has ended. Sign in again.");
    case "rate_limited":
      return formFailure(error.message);
  }
}
