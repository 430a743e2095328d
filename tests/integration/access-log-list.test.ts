import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ACCESS_LOG_REASONS,
  countAccessLogs,
  listAccessLogPage,
  listAccessLogs,
  recordAccessAttempt,
  type AccessAttempt,
} from "../../lib/access/access-log";
import { accessLogToApi } from "../../lib/access/api-shape";
import { listAccessRequestsRoute } from "../../lib/api/handlers/access-logs";
import type { ApiContext } from "../../lib/api/with-api-token";
import { createServiceToken, serviceTokenNames } from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, expectAppError, newTenant, unique } from "../helpers/fixtures";
import { ACCESS_LOG_REASON_LABELS, ACCESS_LOG_REASON_OPTIONS, reasonLabel } from "../../components/access-logs/reason-labels";

// The authentication log as the dashboard's Logs › Authentication page and the REST route read
// it: the reason filter, aggregated rows (count), the total for pagination.

const BASE = Date.parse("2026-03-01T12:00:00Z");
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

/** A tenant with a small, known log: 3 successes (one standing for 7 attempts), 4 refusals. */
async function seededTenant() {
  const tenant = await newTenant();
  const tokenA = randomUUID();
  const tokenB = randomUUID();
  const app1 = randomUUID();
  const app2 = randomUUID();
  const rows: Omit<AccessAttempt, "accountId">[] = [
    { allowed: true, reason: "ok", serviceTokenId: tokenA, appId: app1, count: 7, createdAt: at(0), rayId: "r0" },
    { allowed: true, reason: "ok", serviceTokenId: tokenA, appId: app2, createdAt: at(1), rayId: "r1" },
    { allowed: true, reason: "bypass", appId: app2, createdAt: at(2), rayId: "r2" },
    { allowed: false, reason: "invalid_client_secret", serviceTokenId: tokenA, appId: app1, createdAt: at(3), rayId: "r3" },
    { allowed: false, reason: "invalid_client_secret", serviceTokenId: tokenB, appId: app1, createdAt: at(4), rayId: "r4" },
    { allowed: false, reason: "unknown_client_id", appId: app2, clientId: "nobody.access", createdAt: at(5), rayId: "r5" },
    { allowed: false, reason: "jwt_not_accepted", appId: app1, createdAt: at(6), rayId: "r6" },
  ];
  for (const row of rows) await recordAccessAttempt({ accountId: tenant.account.id, ...row });
  return { ...tenant, tokenA, tokenB, app1, app2 };
}

const rays = (rows: { rayId: string }[]) => rows.map((r) => r.rayId);

describe("reasons", () => {
  it("are exactly the validator's, each with a label", () => {
    expect([...ACCESS_LOG_REASONS]).toEqual([
      "ok",
      "bypass",
      "missing_credentials",
      "invalid_credentials",
      "unknown_client_id",
      "invalid_client_secret",
      "expired",
      "disabled",
      "token_deleted",
      "no_policy_match",
      "denied_by_policy",
      "invalid_jwt",
      "jwt_expired",
      "jwt_revoked",
      "jwt_not_accepted",
      "strict_mode",
      "rate_limited",
    ]);
    expect(Object.keys(ACCESS_LOG_REASON_LABELS).sort()).toEqual([...ACCESS_LOG_REASONS].sort());
    expect(ACCESS_LOG_REASON_OPTIONS.map((o) => o.value)).toEqual([...ACCESS_LOG_REASONS]);
    expect(reasonLabel("unknown_client_id")).toBe("Unknown client ID");
    expect(reasonLabel("invalid_client_secret")).toBe("Wrong client secret");
    // A newer validator's code still reads as words.
    expect(reasonLabel("geo_blocked")).toBe("Geo blocked");
  });
});

describe("listAccessLogs filters", () => {
  it("filters by reason, alone and with the other filters", async () => {
    const { admin, tokenA, app1 } = await seededTenant();
    expect(rays(await listAccessLogs(admin, { reason: "invalid_client_secret" }))).toEqual(["r4", "r3"]);
    expect(rays(await listAccessLogs(admin, { reason: "invalid_client_secret", serviceTokenId: tokenA }))).toEqual(["r3"]);
    expect(rays(await listAccessLogs(admin, { reason: "jwt_not_accepted", appId: app1, allowed: false }))).toEqual(["r6"]);
    expect(rays(await listAccessLogs(admin, { reason: "bypass", allowed: false }))).toEqual([]);
    expect(rays(await listAccessLogs(admin, { reason: "ok", since: at(1), direction: "asc" }))).toEqual(["r1"]);
    expect(await listAccessLogs(admin, { reason: "rate_limited" })).toEqual([]);
  });

  it("keeps serviceTokenId, appId, allowed, since and until", async () => {
    const { admin, tokenA, app2 } = await seededTenant();
    expect(rays(await listAccessLogs(admin, { serviceTokenId: tokenA }))).toEqual(["r3", "r1", "r0"]);
    expect(rays(await listAccessLogs(admin, { appId: app2 }))).toEqual(["r5", "r2", "r1"]);
    expect(rays(await listAccessLogs(admin, { allowed: true }))).toEqual(["r2", "r1", "r0"]);
    expect(rays(await listAccessLogs(admin, { since: at(2), until: at(4) }))).toEqual(["r4", "r3", "r2"]);
  });

  it.each<[unknown]>([["not_a_reason"], [""], ["OK"], ["ok\u0000"], ["x".repeat(10_000)], [1]])("refuses the reason %j naming the field", async (reason) => {
    const { admin } = await newTenant();
    const error = await expectAppError(listAccessLogs(admin, { reason } as never), "invalid_request", "reason");
    expect(error.message).toContain("must be one of: ok, bypass,");
    await expectAppError(listAccessLogPage(admin, { reason } as never), "invalid_request", "reason");
    await expectAppError(countAccessLogs(admin, { reason } as never), "invalid_request", "reason");
  });
});

describe("count", () => {
  it("is 1 by default and what the row stands for otherwise, in the view and the REST shape", async () => {
    const { admin, tokenA } = await seededTenant();
    const rows = await listAccessLogs(admin, { serviceTokenId: tokenA, direction: "asc" });
    expect(rows.map((r) => [r.rayId, r.count])).toEqual([
      ["r0", 7],
      ["r1", 1],
      ["r3", 1],
    ]);
    expect(accessLogToApi(rows[0]).count).toBe(7);
    expect(accessLogToApi(rows[1]).count).toBe(1);
  });

  it("stores 1 for a count that is not a whole number above 1", async () => {
    const { account, admin } = await newTenant();
    for (const [i, count] of [0, -3, 2.5, Number.NaN].entries()) {
      await recordAccessAttempt({ accountId: account.id, allowed: true, reason: "ok", count, rayId: `c${i}` });
    }
    expect((await listAccessLogs(admin)).map((r) => r.count)).toEqual([1, 1, 1, 1]);
  });
});

describe("listAccessLogPage and countAccessLogs", () => {
  it("answer one page and the number of matching rows (not attempts)", async () => {
    const { admin, app1 } = await seededTenant();
    const first = await listAccessLogPage(admin, { limit: 3 });
    expect(first).toMatchObject({ total: 7, page: 1, limit: 3 });
    expect(rays(first.items)).toEqual(["r6", "r5", "r4"]);
    const last = await listAccessLogPage(admin, { limit: 3, page: 3 });
    expect(last.total).toBe(7);
    expect(rays(last.items)).toEqual(["r0"]);
    const past = await listAccessLogPage(admin, { limit: 3, page: 9 });
    expect(past).toMatchObject({ items: [], total: 7 });

    const refused = await listAccessLogPage(admin, { allowed: false, appId: app1, limit: 2 });
    expect(refused.total).toBe(3);
    expect(rays(refused.items)).toEqual(["r6", "r4"]);
    expect(await countAccessLogs(admin)).toBe(7);
    expect(await countAccessLogs(admin, { allowed: true })).toBe(3);
    expect(await countAccessLogs(admin, { reason: "invalid_client_secret", appId: app1 })).toBe(2);
    expect(await countAccessLogs(admin, { since: at(6) })).toBe(1);
  });

  it("count only the caller's account, and need audit:read", async () => {
    const a = await seededTenant();
    const b = await newTenant("b");
    expect(await listAccessLogPage(b.admin)).toMatchObject({ items: [], total: 0 });
    expect(await countAccessLogs(b.admin, { reason: "ok" })).toBe(0);
    expect((await listAccessLogPage(adminActor(a.account.id, "read_only"))).total).toBe(7);
    await expectAppError(listAccessLogPage(apiTokenActor(a.account.id, ["Access: Service Tokens Read"])), "forbidden");
    await expectAppError(countAccessLogs(apiTokenActor(a.account.id, ["Access: Apps and Policies Write"])), "forbidden");
  });
});

describe("serviceTokenNames", () => {
  it("names the caller's existing tokens only", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const mine = await createServiceToken(a.admin, { name: unique("named") });
    const theirs = await createServiceToken(b.admin, { name: unique("foreign") });
    const gone = randomUUID();
    expect(await serviceTokenNames(a.admin, [mine.token.id, theirs.token.id, gone, "not-a-uuid", mine.token.id])).toEqual({
      [mine.token.id]: mine.token.name,
    });
    expect(await serviceTokenNames(a.admin, [])).toEqual({});
    await expectAppError(serviceTokenNames(apiTokenActor(a.account.id, ["Access: Audit Logs Read"]), [mine.token.id]), "forbidden");
  });
});

describe("GET /access/logs/access_requests filters", () => {
  const call = (actor: ApiContext["actor"], query: string) =>
    listAccessRequestsRoute({ actor, receivedAt: new Date(), tokenExpiresAt: null, params: {}, query: new URLSearchParams(query), json: () => ({}) });
  const reader = (accountId: string) => apiTokenActor(accountId, ["Access: Audit Logs Read"]);
  const wireRays = async (p: ReturnType<typeof call>) => ((await p).result as { ray_id: string }[]).map((r) => r.ray_id);

  it("takes the dashboard's filters under their wire names and answers a plain array with count", async () => {
    const { account, tokenA, app1 } = await seededTenant();
    const api = reader(account.id);
    const all = await call(api, "");
    expect(all.resultInfo).toBeUndefined();
    expect(Array.isArray(all.result)).toBe(true);
    expect((all.result as { count: number }[]).map((r) => r.count)).toEqual([1, 1, 1, 1, 1, 1, 7]);

    expect(await wireRays(call(api, "reason=invalid_client_secret"))).toEqual(["r4", "r3"]);
    expect(await wireRays(call(api, "allowed=true"))).toEqual(["r2", "r1", "r0"]);
    expect(await wireRays(call(api, "allowed=true&allowedOp=neq"))).toEqual(["r6", "r5", "r4", "r3"]);
    expect(await wireRays(call(api, "allowed=false&allowedOp=eq"))).toEqual(["r6", "r5", "r4", "r3"]);
    expect(await wireRays(call(api, `app_uid=${app1.toUpperCase()}&allowed=false`))).toEqual(["r6", "r4", "r3"]);
    expect(await wireRays(call(api, `service_token_id=${tokenA}&direction=asc&limit=2`))).toEqual(["r0", "r1"]);
    // An operator without its filter filters nothing (Cloudflare's SDK may send one alone).
    expect(await wireRays(call(api, "allowedOp=eq&app_uidOp=eq"))).toHaveLength(7);
  });

  it.each<[string, string]>([
    ["reason=nope", "reason"],
    ["reason=", "reason"],
    ["reason=ok&reason=expired", "reason"],
    ["allowed=yes", "allowed"],
    ["allowed=", "allowed"],
    ["allowedOp=ne", "allowedOp"],
    ["app_uid=x", "app_uid"],
    [`app_uid=${randomUUID()}&app_uidOp=neq`, "app_uidOp"],
    ["service_token_id=%00", "service_token_id"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const { account } = await newTenant();
    await expectAppError(call(reader(account.id), query), "invalid_request", field);
  });
});
