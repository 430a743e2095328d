import { EXPIRING_SOON_MS, tokenStatus, type TokenStatus } from "./duration";

// The filters of the service tokens list (the dashboard's ?status=) and the Overview's counts: one
// set of definitions, on the caller's clock. Pure: the domain turns them into SQL
// (service.ts: tokenFilterWhere and serviceTokenHealth), this module says what they mean.
//
// Every token is in exactly one of "disabled" (enabled = false), "expired" (enabled, expires_at <=
// now) or live (enabled, expires_at null or in the future); live tokens are "active" or
// "expiring_soon" as tokenStatus says. The other filters narrow the live tokens only: a disabled or
// expired token authenticates nowhere and is counted there, not again as unused or non-expiring.

export const STATUS_FILTERS = ["active", "expiring_soon", "expired", "disabled"] as const satisfies readonly TokenStatus[];

export const TOKEN_FILTERS = [...STATUS_FILTERS, "expiring_30d", "never_used", "unused_90d", "non_expiring"] as const;
export type TokenFilter = (typeof TOKEN_FILTERS)[number];

export const isTokenFilter = (value: string): value is TokenFilter => (TOKEN_FILTERS as readonly string[]).includes(value);

const DAY_MS = 24 * 3600 * 1000;
export const EXPIRING_30D_MS = 30 * DAY_MS;
export const UNUSED_MS = 90 * DAY_MS;

/** The instants the filters compare with: expires_at before `soon` / `month`, last_seen_at before `unusedSince`. */
export function filterBounds(now: Date) {
  return {
    now,
    soon: new Date(now.getTime() + EXPIRING_SOON_MS),
    month: new Date(now.getTime() + EXPIRING_30D_MS),
    unusedSince: new Date(now.getTime() - UNUSED_MS),
  };
}

/** Whether a token is in the filter at `now`: the meaning the SQL of the list and the counts must match. */
export function matchesTokenFilter(t: { enabled: boolean; expiresAt: Date | null; lastSeenAt: Date | null }, filter: TokenFilter, now: Date): boolean {
  const status = tokenStatus(t, now);
  if (filter === "active" || filter === "expiring_soon" || filter === "expired" || filter === "disabled") return status === filter;
  const live = status === "active" || status === "expiring_soon";
  if (!live) return false;
  const b = filterBounds(now);
  switch (filter) {
    case "expiring_30d":
      return t.expiresAt !== null && t.expiresAt < b.month;
    case "never_used":
      return t.lastSeenAt === null;
    case "unused_90d":
      return t.lastSeenAt !== null && t.lastSeenAt < b.unusedSince;
    case "non_expiring":
      return t.expiresAt === null;
  }
}

/** The Overview's counts: one per filter but "active", and the account's total. */
export type ServiceTokenHealth = Record<Exclude<TokenFilter, "active">, number> & { total: number };
