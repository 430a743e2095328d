import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { formFailure, toFormFailure, type FormFailure } from "@/lib/forms";

// The applications, policies and settings inputs use the wire names (session_duration,
// include.0.ip.ip, ...). lib/forms.ts knows the service-token fields only; this names ours the way
// the forms label them, then defers to it for everything else.

const LABELS: Record<string, string> = {
  name: "Name",
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
};

const LISTS: Record<string, string> = { include: "Include", require: "Require", exclude: "Exclude" };

function labelOf(field: string): string | undefined {
  if (LABELS[field]) return LABELS[field];
  const rule = /^(include|require|exclude)\.(\d+)(?:\.|$)/.exec(field);
  if (rule) return `${LISTS[rule[1]]} rule ${Number(rule[2]) + 1}`;
  const policy = /^policies\.(\d+)(?:\.|$)/.exec(field);
  if (policy) return `Policy ${Number(policy[1]) + 1}`;
  return undefined;
}

/** toFormFailure, with the field named as the form names it. */
export function accessFormFailure(error: unknown, role: Role): FormFailure {
  if (error instanceof AppError && error.code === "invalid_request" && error.details?.field) {
    const field = error.details.field;
    const label = labelOf(field);
    const prefix = `invalid request: ${field}: `;
    if (label && error.message.startsWith(prefix)) {
      const reason = error.message.slice(prefix.length);
      return formFailure(/^(must|is) /.test(reason) ? `${label} ${reason}` : `${label}: ${reason}`, field);
    }
  }
  return toFormFailure(error, role);
}
