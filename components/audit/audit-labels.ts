import type { BadgeTone } from "@/components/ui/badge";

// Words for the audit log: actions are recorded as "<object type>.<verb>".

const OBJECT_TYPES: Record<string, string> = {
  service_token: "Service token",
  admin: "Administrator",
  api_token: "API token",
  app: "Application",
  policy: "Policy",
  alert_policy: "Alert policy",
  webhook: "Webhook",
  signing_key: "Signing key",
  settings: "Settings",
  access_keys: "Signing keys",
  account_settings: "Account settings",
};

const VERBS: Record<string, { label: string; tone: BadgeTone }> = {
  create: { label: "Created", tone: "green" },
  update: { label: "Updated", tone: "blue" },
  enable: { label: "Enabled", tone: "green" },
  disable: { label: "Disabled", tone: "amber" },
  refresh: { label: "Refreshed", tone: "blue" },
  rotate: { label: "Secret rotated", tone: "blue" },
  delete: { label: "Deleted", tone: "red" },
  revoke: { label: "Revoked", tone: "red" },
  revoke_tokens: { label: "Existing tokens revoked", tone: "amber" },
  password_reset: { label: "Password reset", tone: "amber" },
};

const humanize = (s: string) => {
  const words = s.replace(/[_.]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : s;
};

export function objectTypeLabel(type: string): string {
  return OBJECT_TYPES[type] ?? humanize(type);
}

/** Verbs whose wording depends on the object ("rotate" a secret, but a signing key). */
const ACTION_VERBS: Record<string, { label: string; tone: BadgeTone }> = {
  "access_keys.rotate": { label: "Key rotated", tone: "blue" },
};

export function describeAction(action: string): { object: string; verb: string; tone: BadgeTone } {
  const special = ACTION_VERBS[action];
  const dot = action.lastIndexOf(".");
  const type = dot === -1 ? "" : action.slice(0, dot);
  const verb = dot === -1 ? action : action.slice(dot + 1);
  const known = VERBS[verb];
  const shown = special ?? known;
  return { object: type ? objectTypeLabel(type) : "", verb: shown?.label ?? humanize(verb), tone: shown?.tone ?? "zinc" };
}

/** The actions the audit log records today, for the filter. Others still show, by their code. */
export const AUDIT_ACTIONS = [
  "service_token.create",
  "service_token.update",
  "service_token.enable",
  "service_token.disable",
  "service_token.refresh",
  "service_token.rotate",
  "service_token.delete",
  "app.create",
  "app.update",
  "app.revoke_tokens",
  "app.delete",
  "policy.create",
  "policy.update",
  "policy.delete",
  "api_token.create",
  "api_token.revoke",
  "admin.create",
  "admin.update",
  "admin.password_reset",
  "admin.delete",
  "access_keys.update",
  "access_keys.rotate",
  "account_settings.update",
] as const;

export const AUDIT_ACTION_OPTIONS = AUDIT_ACTIONS.map((value) => {
  const { object, verb } = describeAction(value);
  return { value, label: `${object} · ${verb}` };
});
