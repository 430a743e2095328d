import { AppError, invalid, type AppErrorCode } from "../errors";
import { failureResponse } from "./envelope";

// The one place where errors become v4 answers (README › REST API). Domain code throws AppError; the few
// failures that exist only at the HTTP edge (no route, wrong method, no header, oversized body) are
// ApiErrors. Anything else is a server fault: logged by the caller and answered with a bare 500.

/** An error of the HTTP edge itself, with its exact status and v4 code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const noRoute = () => new ApiError(404, 7003, "no route for the URI");
export const methodNotAllowed = (allow: readonly string[]) =>
  new ApiError(405, 10405, "method not allowed", { allow: allow.join(", ") });
export const missingAuthorization = () => new ApiError(401, 9106, "missing authorization header");
export const payloadTooLarge = () => new ApiError(413, 10413, "payload too large");

/** Forbidden for any reason (permission, another account, a malformed account id): one answer. */
export const forbidden = () => new AppError("forbidden", "authentication error");

const APP_ERRORS: Record<AppErrorCode, { status: number; code: number; message?: string }> = {
  invalid_request: { status: 400, code: 10001 },
  // Unknown, expired, revoked and malformed tokens get the same words (the domain's message may say more).
  unauthenticated: { status: 401, code: 9109, message: "invalid access token" },
  // Cloudflare's words; the domain's message speaks of roles, which API tokens do not have.
  forbidden: { status: 403, code: 10000, message: "authentication error" },
  // Cloudflare's fixed message: the answer does not tell which kind of object was missing.
  not_found: { status: 404, code: 12135, message: "access.api.error.not_found" },
  conflict: { status: 409, code: 11010 },
  rate_limited: { status: 429, code: 10429, message: "rate limited" },
};

export const INTERNAL_ERROR = { status: 500, code: 10500, message: "internal error" } as const;

/** The answer for a known error, or null for an unknown one (a server fault). */
export function knownErrorResponse(err: unknown): Response | null {
  if (err instanceof ApiError) return failureResponse(err.status, err.code, err.message, err.headers);
  if (!(err instanceof AppError)) return null;
  const wire = APP_ERRORS[err.code];
  const headers: Record<string, string> = {};
  let message = wire.message ?? err.message;
  if (err.code === "conflict") {
    // The SDK retries a 409 unless told not to; a duplicate stays a duplicate.
    headers["x-should-retry"] = "false";
    if (!message.startsWith("conflict")) message = `conflict: ${message}`;
  }
  if (err.code === "invalid_request" && !message.startsWith("invalid request")) message = `invalid request: ${message}`;
  if (err.code === "rate_limited") headers["retry-after"] = String(Math.max(1, Math.ceil(err.details?.retryAfterSeconds ?? 60)));
  return failureResponse(wire.status, wire.code, message, headers);
}

/**
 * Runs a domain call whose refusals name fields as the domain does (`previousSecretExpiresAt`) and
 * rethrows them naming the field as the wire does (`previous_client_secret_expires_at`), per `names`.
 */
export async function withWireFieldNames<T>(names: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const field = e instanceof AppError && e.code === "invalid_request" ? e.details?.field : undefined;
    const wire = field === undefined ? undefined : names[field];
    if (wire === undefined) throw e;
    const prefix = `invalid request: ${field}: `;
    throw invalid(wire, (e as AppError).message.startsWith(prefix) ? (e as AppError).message.slice(prefix.length) : (e as AppError).message);
  }
}

export function internalErrorResponse(): Response {
  return failureResponse(INTERNAL_ERROR.status, INTERNAL_ERROR.code, INTERNAL_ERROR.message);
}

/**
 * What may be logged of an unknown error: its name, code and first message line, and the stack
 * frames without the message. Prisma messages can quote a query's arguments (names, digests).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    message: err.message.split("\n", 1)[0].slice(0, 300),
    frames: (err.stack ?? "").split("\n").filter((l) => l.startsWith("    at ")).slice(0, 15).join("\n"),
  };
}
