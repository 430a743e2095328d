import { describe, expect, it } from "vitest";
import { tokenStatus } from "./duration";
import { isTokenFilter, matchesTokenFilter, STATUS_FILTERS, TOKEN_FILTERS } from "./filters";

const now = new Date("2026-12-01T12:00:00.000Z");
const DAY = 24 * 3600 * 1000;
const at = (ms: number) => new Date(now.getTime() + ms);

const token = (t: { enabled?: boolean; expiresIn?: number | null; seenAgo?: number | null }) => ({
  enabled: t.enabled ?? true,
  expiresAt: t.expiresIn === undefined ? at(365 * DAY) : t.expiresIn === null ? null : at(t.expiresIn),
  lastSeenAt: t.seenAgo === undefined ? at(-3600_000) : t.seenAgo === null ? null : at(-t.seenAgo),
});

const filtersOf = (t: ReturnType<typeof token>) => TOKEN_FILTERS.filter((f) => matchesTokenFilter(t, f, now));

describe("token filters", () => {
  it("read only the values they define", () => {
    for (const f of TOKEN_FILTERS) expect(isTokenFilter(f)).toBe(true);
    for (const v of ["", "all", "Active", "expiring", "__proto__", "expired "]) expect(isTokenFilter(v), v).toBe(false);
  });

  it("the status filters are tokenStatus, one per token", () => {
    const samples = [
      token({}),
      token({ expiresIn: null }),
      token({ expiresIn: DAY }),
      token({ expiresIn: 0 }),
      token({ expiresIn: -DAY }),
      token({ enabled: false }),
      token({ enabled: false, expiresIn: -DAY }),
    ];
    for (const t of samples) expect(STATUS_FILTERS.filter((f) => matchesTokenFilter(t, f, now))).toEqual([tokenStatus(t, now)]);
  });

  it.each([
    ["expires in 7 days less 1 ms", token({ expiresIn: 7 * DAY - 1 }), ["expiring_soon", "expiring_30d"]],
    ["expires in exactly 7 days", token({ expiresIn: 7 * DAY }), ["active", "expiring_30d"]],
    ["expires in 30 days less 1 ms", token({ expiresIn: 30 * DAY - 1 }), ["active", "expiring_30d"]],
    ["expires in exactly 30 days", token({ expiresIn: 30 * DAY }), ["active"]],
    ["expires now", token({ expiresIn: 0 }), ["expired"]],
    ["last seen exactly 90 days ago", token({ seenAgo: 90 * DAY }), ["active"]],
    ["last seen 90 days and 1 ms ago", token({ seenAgo: 90 * DAY + 1 }), ["active", "unused_90d"]],
    ["never seen", token({ seenAgo: null }), ["active", "never_used"]],
    ["non-expiring", token({ expiresIn: null }), ["active", "non_expiring"]],
    ["disabled, non-expiring, never seen", token({ enabled: false, expiresIn: null, seenAgo: null }), ["disabled"]],
    ["expired, never seen", token({ expiresIn: -DAY, seenAgo: null }), ["expired"]],
    ["expiring soon, never seen", token({ expiresIn: DAY, seenAgo: null }), ["expiring_soon", "expiring_30d", "never_used"]],
  ])("%s", (_, t, expected) => {
    expect(filtersOf(t)).toEqual(expected);
  });
});
