import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { matchesTokenFilter, TOKEN_FILTERS, type ServiceTokenHealth, type TokenFilter } from "../../lib/service-tokens/filters";
import { createServiceToken, listServiceTokens, serviceTokenHealth } from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, expectAppError, newTenant } from "../helpers/fixtures";

// The Overview's counts (serviceTokenHealth) and the list's ?status= filters (listServiceTokens):
// tokens of every kind, a minute either side of each boundary, counted exactly, and another
// account's tokens never counted.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Kind {
  name: string;
  enabled?: boolean;
  /** From now, in ms; null: non-expiring. */
  expiresIn: number | null;
  /** Before now, in ms; null: never used. Default: an hour ago. */
  seenAgo?: number | null;
  /** The filters it must be in. */
  in: TokenFilter[];
}

const KINDS: Kind[] = [
  { name: "expires-in-7d-minus-1min", expiresIn: 7 * DAY - MIN, in: ["expiring_soon", "expiring_30d"] },
  { name: "expires-in-1h", expiresIn: 60 * MIN, in: ["expiring_soon", "expiring_30d"] },
  { name: "expires-in-7d-plus-1min", expiresIn: 7 * DAY + MIN, in: ["active", "expiring_30d"] },
  { name: "expires-in-30d-minus-1min", expiresIn: 30 * DAY - MIN, in: ["active", "expiring_30d"] },
  { name: "expires-in-30d-plus-1min", expiresIn: 30 * DAY + MIN, in: ["active"] },
  { name: "expired-1min-ago", expiresIn: -MIN, in: ["expired"] },
  { name: "expired-never-used", expiresIn: -DAY, seenAgo: null, in: ["expired"] },
  { name: "disabled-expiring", enabled: false, expiresIn: DAY, in: ["disabled"] },
  { name: "disabled-expired", enabled: false, expiresIn: -DAY, in: ["disabled"] },
  { name: "disabled-forever-never-used", enabled: false, expiresIn: null, seenAgo: null, in: ["disabled"] },
  { name: "forever-never-used", expiresIn: null, seenAgo: null, in: ["active", "non_expiring", "never_used"] },
  { name: "forever-used", expiresIn: null, in: ["active", "non_expiring"] },
  { name: "forever-unused-91d", expiresIn: null, seenAgo: 91 * DAY, in: ["active", "non_expiring", "unused_90d"] },
  { name: "unused-90d-plus-1min", expiresIn: 365 * DAY, seenAgo: 90 * DAY + MIN, in: ["active", "unused_90d"] },
  { name: "unused-90d-minus-1min", expiresIn: 365 * DAY, seenAgo: 90 * DAY - MIN, in: ["active"] },
  { name: "never-used-expiring-soon", expiresIn: 2 * DAY, seenAgo: null, in: ["expiring_soon", "expiring_30d", "never_used"] },
  { name: "never-used", expiresIn: 365 * DAY, seenAgo: null, in: ["active", "never_used"] },
];

/** Each kind as a real token (created by the service, so the account's counter is right), then set as the kind says. */
async function seedKinds(actor: Actor, prefix: string): Promise<void> {
  const now = Date.now();
  for (const k of KINDS) {
    const { token } = await createServiceToken(actor, { name: `${prefix}${k.name}` });
    const seenAgo = k.seenAgo === undefined ? 60 * MIN : k.seenAgo;
    await getDb().serviceToken.update({
      where: { id: token.id },
      data: {
        enabled: k.enabled ?? true,
        expiresAt: k.expiresIn === null ? null : new Date(now + k.expiresIn),
        duration: k.expiresIn === null ? "forever" : "8760h",
        lastSeenAt: seenAgo === null ? null : new Date(now - seenAgo),
      },
    });
  }
}

/** An account with every kind, and another account with every kind too (which must never count). */
async function seededWithNeighbour(label: string) {
  const { admin } = await newTenant(label);
  const other = await newTenant(`${label}-other`);
  await seedKinds(admin, "");
  await seedKinds(other.admin, "other-");
  return { admin, other };
}

const expected = (filter: TokenFilter) => KINDS.filter((k) => k.in.includes(filter)).map((k) => k.name);

describe("serviceTokenHealth", () => {
  it("counts every kind exactly, at each boundary, and nothing of another account", async () => {
    const { admin, other } = await seededWithNeighbour("health");
    await createServiceToken(other.admin, { name: "other-extra" });

    const health = await serviceTokenHealth(admin);
    expect(health).toEqual({
      total: KINDS.length,
      expiring_soon: 3,
      expiring_30d: 5,
      expired: 2,
      disabled: 3,
      non_expiring: 3,
      never_used: 3,
      unused_90d: 2,
    } satisfies ServiceTokenHealth);
    for (const f of TOKEN_FILTERS) if (f !== "active") expect(health[f], f).toBe(expected(f).length);
    expect((await serviceTokenHealth(other.admin)).total).toBe(KINDS.length + 1);
  });

  it("answers zeros for an empty account", async () => {
    const { admin } = await newTenant("health-empty");
    expect(await serviceTokenHealth(admin)).toEqual({
      total: 0,
      expiring_soon: 0,
      expiring_30d: 0,
      expired: 0,
      disabled: 0,
      non_expiring: 0,
      never_used: 0,
      unused_90d: 0,
    });
  });

  it("is for every role that reads tokens, and refused without service_tokens:read", async () => {
    const { account } = await newTenant("health-roles");
    for (const role of ["super_admin", "access_admin", "read_only"] as const) {
      expect((await serviceTokenHealth(adminActor(account.id, role))).total).toBe(0);
    }
    await expectAppError(serviceTokenHealth(apiTokenActor(account.id, ["Access: Apps and Policies Read"])), "forbidden");
  });
});

describe("listServiceTokens with a status filter", () => {
  it("lists exactly the tokens of each filter, as its count says and filters.ts defines", async () => {
    const { admin } = await seededWithNeighbour("status-filter");
    const health = await serviceTokenHealth(admin);
    const now = new Date();
    for (const status of TOKEN_FILTERS) {
      const list = await listServiceTokens(admin, { status, perPage: 100 });
      expect(list.items.map((t) => t.name).sort(), status).toEqual(expected(status).sort());
      expect(list.total, status).toBe(expected(status).length);
      if (status !== "active") expect(list.total, status).toBe(health[status]);
      for (const t of list.items) expect(matchesTokenFilter(t, status, now), `${status}: ${t.name}`).toBe(true);
    }
  });

  it("combines with search and paging", async () => {
    const { admin } = await newTenant("status-combined");
    await seedKinds(admin, "");
    const search = await listServiceTokens(admin, { status: "never_used", search: "forever" });
    expect(search.items.map((t) => t.name)).toEqual(["forever-never-used"]);
    expect(search.total).toBe(1);
    const page2 = await listServiceTokens(admin, { status: "expiring_30d", perPage: 2, page: 2, sort: "expiresAt", order: "asc" });
    expect(page2.total).toBe(5);
    expect(page2.items.map((t) => t.name)).toEqual(["expires-in-7d-minus-1min", "expires-in-7d-plus-1min"]);
  });

  it("refuses a value it does not know, naming the field", async () => {
    const { admin } = await newTenant("status-bad");
    await expectAppError(listServiceTokens(admin, { status: "soon" as never }), "invalid_request", "status");
  });
});
