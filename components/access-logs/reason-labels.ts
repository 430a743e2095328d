import { ACCESS_LOG_REASONS, type AccessLogReason } from "@/lib/access/schemas";

// Words for the authentication log's reasons (lib/access/schemas.ts, ACCESS_LOG_REASONS). Pure:
// shared by the Logs › Authentication page and the recent authentications of the token and
// application pages.

export const ACCESS_LOG_REASON_LABELS: Record<AccessLogReason, string> = {
  ok: "Allowed",
  bypass: "Bypassed by a policy",
  missing_credentials: "No credentials",
  invalid_credentials: "Malformed credentials",
  unknown_client_id: "Unknown client ID",
  invalid_client_secret: "Wrong client secret",
  expired: "Token expired",
  disabled: "Token disabled",
  token_deleted: "Token deleted",
  no_policy_match: "No policy matched",
  denied_by_policy: "Blocked by a policy",
  invalid_jwt: "Invalid JWT",
  jwt_expired: "JWT expired",
  jwt_revoked: "JWT revoked",
  jwt_not_accepted: "JWT not accepted here",
  strict_mode: "Refused by strict mode",
  rate_limited: "Rate limited",
};

/** A known reason's label; any other code (a newer validator's) in words. */
export function reasonLabel(reason: string): string {
  if (Object.hasOwn(ACCESS_LOG_REASON_LABELS, reason)) return ACCESS_LOG_REASON_LABELS[reason as AccessLogReason];
  const words = reason.replace(/_+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "—";
}

/** The reason filter's options, in the list's order (allowed first, then the refusals). */
export const ACCESS_LOG_REASON_OPTIONS = ACCESS_LOG_REASONS.map((value) => ({ value, label: ACCESS_LOG_REASON_LABELS[value] }));
