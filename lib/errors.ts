// The one error type of the domain. Edges map it: lib/api/errors.ts to the v4 envelope,
// lib/forms.ts to a message for the dashboard.

export type AppErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { field?: string; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const invalid = (field: string, reason: string) =>
  new AppError("invalid_request", `invalid request: ${field}: ${reason}`, { field });

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
