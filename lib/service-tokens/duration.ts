// Go duration syntax (time.ParseDuration) and the expiry arithmetic of service tokens.
// Pure: no I/O, no clock of its own (callers pass `now`).

export const FOREVER = "forever";
export const DEFAULT_DURATION = "8760h";
export const REFRESH_DURATION = "8760h";
export const DURATION_FORMAT_HINT =
  'a Go duration such as "8760h", "2h45m" or "1.5h" (units ns, us, ms, s, m, h; between 1s and 876000h) or "forever"';

const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n, // micro sign
  "\u03bcs": 1_000n, // Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MIN_NS = NS_PER_UNIT.s;
const MAX_NS = 876_000n * NS_PER_UNIT.h;
const MS_PER_NS = 1_000_000n;

export type ParsedDuration = { forever: true } | { forever: false; ms: number };

export class DurationError extends Error {}

/** Parses a Go duration into nanoseconds, as Go does; rejects signs (service tokens never go back). */
export function parseGoDurationNs(input: string): bigint {
  if (input.length === 0) throw new DurationError("must not be empty");
  if (input.length > 64) throw new DurationError("is too long");
  if (input[0] === "-" || input[0] === "+") throw new DurationError("must not be signed");
  if (input === "0") return 0n;
  let rest = input;
  let total = 0n;
  while (rest.length > 0) {
    const m = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/.exec(rest);
    if (!m || (m[1] === "" && (m[2] === undefined || m[2] === ""))) {
      throw new DurationError(`"${input}" is not a valid duration`);
    }
    const [whole, intPart, fracPart = "", unit] = m;
    const scale = NS_PER_UNIT[unit];
    if (scale === undefined) throw new DurationError(`unknown unit "${unit}" in "${input}"`);
    let value = BigInt(intPart || "0") * scale;
    if (fracPart) {
      const digits = fracPart.slice(0, 18);
      value += (BigInt(digits) * scale) / 10n ** BigInt(digits.length);
    }
    total += value;
    if (total > MAX_NS * 1000n) throw new DurationError("is out of range");
    rest = rest.slice(whole.length);
  }
  return total;
}

/** Validates a service-token duration ("forever" or 1s..876000h) and returns it in milliseconds. */
export function parseTokenDuration(input: string): ParsedDuration {
  if (input === FOREVER) return { forever: true };
  let ns: bigint;
  try {
    ns = parseGoDurationNs(input);
  } catch (e) {
    if (e instanceof DurationError) throw new DurationError(`${e.message}; expected ${DURATION_FORMAT_HINT}`);
    throw e;
  }
  if (ns < MIN_NS) throw new DurationError(`must be at least 1s; expected ${DURATION_FORMAT_HINT}`);
  if (ns > MAX_NS) throw new DurationError(`must be at most 876000h; expected ${DURATION_FORMAT_HINT}`);
  return { forever: false, ms: Number(ns / MS_PER_NS) };
}

/** Returns null when valid, or the reason it is not. For forms and zod refinements. */
export function durationProblem(input: string): string | null {
  try {
    parseTokenDuration(input);
    return null;
  } catch (e) {
    if (e instanceof DurationError) return e.message;
    throw e;
  }
}

function add(base: Date, d: ParsedDuration): Date | null {
  return d.forever ? null : new Date(base.getTime() + d.ms);
}

/** expires_at of a new token: created_at + duration, or null for "forever". */
export function initialExpiry(createdAt: Date, duration: string): Date | null {
  return add(createdAt, parseTokenDuration(duration));
}

/** Refresh: max(expires_at, now) + 1 year. A non-expiring token stays non-expiring. */
export function refreshedExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt === null) return null;
  return add(new Date(Math.max(expiresAt.getTime(), now.getTime())), parseTokenDuration(REFRESH_DURATION));
}

/**
 * Edit with a new duration: max(expires_at, now) + new duration (null for "forever"). A token that
 * was non-expiring and gets a finite duration expires that long from now.
 */
export function extendedExpiry(expiresAt: Date | null, now: Date, duration: string): Date | null {
  const base = expiresAt === null ? now : new Date(Math.max(expiresAt.getTime(), now.getTime()));
  return add(base, parseTokenDuration(duration));
}

/** The longest a previous secret keeps working after a rotation: the dashboard's longest choice, and the API's bound. */
export const MAX_ROTATION_GRACE_MS = 30 * 24 * 3600 * 1000;

/**
 * Why `graceEnd` cannot end the grace period of the previous secret of a token that expires at
 * `expiresAt` (null: never), or null. A time not after `now` ends the grace at once: always allowed.
 */
export function graceEndProblem(graceEnd: Date, now: Date, expiresAt: Date | null): string | null {
  if (Number.isNaN(graceEnd.getTime())) return "must be an RFC 3339 date-time";
  if (graceEnd.getTime() <= now.getTime()) return null;
  if (graceEnd.getTime() - now.getTime() > MAX_ROTATION_GRACE_MS) return "must be at most 30 days from now";
  if (expiresAt !== null && graceEnd.getTime() > expiresAt.getTime()) {
    return `must not be later than the token's expiry (${expiresAt.toISOString()})`;
  }
  return null;
}

export const EXPIRING_SOON_MS = 7 * 24 * 3600 * 1000;

export type TokenStatus = "active" | "expiring_soon" | "expired" | "disabled";

export function tokenStatus(t: { enabled: boolean; expiresAt: Date | null }, now: Date): TokenStatus {
  if (!t.enabled) return "disabled";
  if (t.expiresAt === null) return "active";
  const left = t.expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left < EXPIRING_SOON_MS ? "expiring_soon" : "active";
}
