import { ROLE_LABELS, type Role } from "./auth/permissions";
import { AppError } from "./errors";

// Maps the domain's AppError to what a dashboard form or toast shows. Server actions return
// `FormResult`; anything that is not an AppError (a bug, or Next's redirect/notFound signals) is
// rethrown so that it reaches Next instead of being shown as a message.

export type FormFailure = { ok: false; error: string; field?: string };
export type FormResult<T extends object = object> = ({ ok: true } & T) | FormFailure;

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  duration: "Duration",
  enabled: "Enabled",
  email: "Email",
  password: "Password",
  previousSecretExpiresAt: "Grace period",
};

const sentence = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const stripPrefix = (message: string, prefix: string) => (message.startsWith(prefix) ? message.slice(prefix.length) : message);

/** A failure for a form: the message to show, and the field to mark when there is one. */
export function formFailure(error: string, field?: string): FormFailure {
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}

/**
 * Turns an AppError into a FormFailure; rethrows anything else. `role` names the caller's role in
 * the "not allowed" message.
 */
export function toFormFailure(error: unknown, role?: Role): FormFailure {
  if (!(error instanceof AppError)) throw error;
  switch (error.code) {
    case "forbidden":
      return formFailure(role ? `Your role (${ROLE_LABELS[role]}) cannot make changes.` : "You are not allowed to make this change.");
    case "invalid_request": {
      const field = error.details?.field;
      if (!field) return formFailure(sentence(stripPrefix(error.message, "invalid request: ")));
      const reason = stripPrefix(error.message, `invalid request: ${field}: `);
      return formFailure(`${FIELD_LABELS[field] ?? sentence(field)} ${reason}`, field);
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
