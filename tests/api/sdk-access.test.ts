import { randomBytes, randomUUID } from "node:crypto";
import Cloudflare from "cloudflare";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./client";
import { withPg } from "../harness/pg";
import { insertAccount, insertApiToken } from "../harness/server-fixtures";

// The official `cloudflare` SDK (v7) against the production build, for the Access endpoints:
// applications, reusable policies, signing-key settings and the access-request log. Every call
// goes through the SDK exactly as a user's script would write it.

const sdk = (token: string) => new Cloudflare({ apiToken: token, baseURL: api().apiBase, maxRetries: 0 });
const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;

/** The fields Gatepost answers for an application (the SDK's response type is a union of 13 kinds). */
interface App {
  id: string;
  aud: string;
  name: string;
  domain: string;
  type: string;
  session_duration: string;
  read_service_tokens_from_header: string | null;
  service_auth_401_redirect: boolean;
  policies: { id: string; name: string; precedence: number; decision: string }[];
  created_at: string;
  updated_at: string;
}

// An account of this file's own: its lists are paged whole and its signing-key schedule (one per
// account) is changed, while the other API files write to the shared account beside it.
let accountId: string;
let appsToken: string;
let auditToken: string;
let writeToken: string;
let readToken: string;

beforeAll(async () => {
  const db = api().databaseUrl;
  accountId = await insertAccount(db, "SDK Access");
  const token = (name: string, permission: string) => insertApiToken(db, { accountId, name: `sdk-access-${name}`, permissions: [permission] });
  appsToken = await token("apps", "Access: Apps and Policies Write");
  auditToken = await token("audit", "Access: Audit Logs Read");
  writeToken = await token("writer", "Access: Service Tokens Write");
  readToken = await token("reader", "Access: Service Tokens Read");
});

describe("the cloudflare SDK, zeroTrust.access", () => {
  it("creates, reads, replaces, lists, revokes the tokens of and deletes an application", async () => {
    const cf = sdk(appsToken);
    const account_id = accountId;
    const apps = cf.zeroTrust.access.applications;
    const policy = await cf.zeroTrust.access.policies.create({ account_id, name: unique("sdk-app-policy"), decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    const domain = `${unique("sdk")}.example.com/api`;

    const created = (await apps.create({
      account_id,
      type: "self_hosted",
      name: "SDK app",
      domain,
      session_duration: "1h",
      policies: [{ id: policy.id, precedence: 1 }],
    })) as unknown as App;
    expect(created).toMatchObject({ name: "SDK app", domain, type: "self_hosted", session_duration: "1h", service_auth_401_redirect: false });
    expect(created.aud).toMatch(/^[0-9a-f]{64}$/);
    expect(created.policies).toEqual([expect.objectContaining({ id: policy.id, precedence: 1, decision: "non_identity", app_count: 1 })]);

    const got = (await apps.get(created.id, { account_id })) as unknown as App;
    expect(got).toEqual(created);

    // The SDK's update is a PUT of the whole object: what is left out takes its default.
    const replaced = (await apps.update(created.id, { account_id, type: "self_hosted", name: "SDK app, renamed", domain })) as unknown as App;
    expect(replaced).toMatchObject({ id: created.id, aud: created.aud, name: "SDK app, renamed", session_duration: "24h", policies: [] });

    // Auto-pagination: three of ours, two per page, and the SDK stops at the first empty page.
    const prefix = unique("sdk-list");
    const mine = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const a = (await apps.create({ account_id, type: "self_hosted", name: `${prefix}-${i}`, domain: `${prefix}-${i}.example.com` })) as unknown as App;
      mine.add(a.id);
    }
    const seen: string[] = [];
    for await (const a of apps.list({ account_id, search: prefix, per_page: 2 })) seen.push((a as unknown as App).id);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(mine);
    const pages = [];
    for await (const page of (await apps.list({ account_id, search: prefix, per_page: 2 })).iterPages()) pages.push(page.result_info);
    expect(pages).toEqual([
      { page: 1, per_page: 2, count: 2, total_count: 3, total_pages: 2 },
      { page: 2, per_page: 2, count: 1, total_count: 3, total_pages: 2 },
      { page: 3, per_page: 2, count: 0, total_count: 3, total_pages: 2 },
    ]);

    // revokeTokens: 202 with a null result, recorded as the app's revocation time.
    const before = Date.now();
    const { data, response } = await apps.revokeTokens(created.id, { account_id }).withResponse();
    expect(response.status).toBe(202);
    expect(data).toBeNull();
    const revokedAt = await withPg(api().databaseUrl, async (c) => (await c.query("SELECT last_revoked_at FROM access_apps WHERE id = $1", [created.id])).rows[0].last_revoked_at as Date);
    expect(revokedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect(await apps.delete(created.id, { account_id })).toEqual({ id: created.id });
    await expect(apps.get(created.id, { account_id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
    await expect(apps.revokeTokens(created.id, { account_id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
    for (const id of mine) await apps.delete(id, { account_id });
    await cf.zeroTrust.access.policies.delete(policy.id!, { account_id });
  });

  it("creates, reads, replaces, lists and deletes a reusable policy, and refuses to delete one in use", async () => {
    const cf = sdk(appsToken);
    const account_id = accountId;
    const policies = cf.zeroTrust.access.policies;
    // A service token to name in a rule, made with the fixture's service-token writer.
    const token = await sdk(writeToken).zeroTrust.access.serviceTokens.create({ account_id, name: unique("sdk-policy-token") });

    const name = unique("sdk-policy");
    const created = await policies.create({
      account_id,
      name,
      decision: "non_identity",
      include: [{ service_token: { token_id: token.id! } }],
      exclude: [{ ip: { ip: "192.0.2.0/24" } }],
      session_duration: "30m",
    });
    expect(created).toMatchObject({
      name,
      decision: "non_identity",
      include: [{ service_token: { token_id: token.id } }],
      require: [],
      exclude: [{ ip: { ip: "192.0.2.0/24" } }],
      session_duration: "30m",
      app_count: 0,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await policies.get(created.id!, { account_id })).toEqual(created);

    const replaced = await policies.update(created.id!, { account_id, name, decision: "allow", include: [{ everyone: {} }] });
    expect(replaced).toMatchObject({ id: created.id, decision: "allow", include: [{ everyone: {} }], exclude: [], session_duration: null });

    // The list is paginated like Cloudflare's (V4PagePaginationArray): for await ends.
    const extra = await Promise.all([0, 1, 2].map((i) => policies.create({ account_id, name: `${name}-${i}`, decision: "allow", include: [{ everyone: {} }] })));
    const first = await policies.list({ account_id, per_page: 2 });
    // The SDK types result_info as page and per_page only; the server sends Cloudflare's five fields.
    const total = (first.result_info as { total_count: number }).total_count;
    const seen: string[] = [];
    for await (const p of policies.list({ account_id, per_page: 2 })) seen.push(p.id!);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    for (const p of [created, ...extra]) expect(seen).toContain(p.id);

    // Attached to an application, the policy cannot be deleted: the SDK's ConflictError (409 11010).
    const app = (await cf.zeroTrust.access.applications.create({
      account_id,
      type: "self_hosted",
      name: "uses the policy",
      domain: `${unique("sdk-409")}.example.com`,
      policies: [created.id!],
    })) as unknown as App;
    expect((await policies.get(created.id!, { account_id })).app_count).toBe(1);
    const conflict = await policies.delete(created.id!, { account_id }).then(
      () => null,
      (e: unknown) => e as InstanceType<typeof Cloudflare.ConflictError>,
    );
    expect(conflict).toBeInstanceOf(Cloudflare.ConflictError);
    expect(conflict?.status).toBe(409);
    expect(conflict?.errors).toEqual([{ code: 11010, message: "conflict: policy is used by 1 application(s)" }]);
    expect(conflict?.headers?.get("x-should-retry")).toBe("false");

    await cf.zeroTrust.access.applications.delete(app.id, { account_id });
    expect(await policies.delete(created.id!, { account_id })).toEqual({ id: created.id });
    await expect(policies.get(created.id!, { account_id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
    for (const p of extra) await policies.delete(p.id!, { account_id });
    await sdk(writeToken).zeroTrust.access.serviceTokens.delete(token.id!, { account_id });
  });

  it("reads and changes the signing-key schedule, and answers a rotation with it", async () => {
    const keys = sdk(appsToken).zeroTrust.access.keys;
    const account_id = accountId;
    const initial = await keys.get({ account_id });
    expect(Object.keys(initial).sort()).toEqual(["days_until_next_rotation", "key_rotation_interval_days", "last_key_rotation_at"]);

    const updated = await keys.update({ account_id, key_rotation_interval_days: 30 });
    expect(updated.key_rotation_interval_days).toBe(30);
    expect(await keys.get({ account_id })).toEqual(updated);
    expect(updated.days_until_next_rotation).toBeLessThanOrEqual(30);

    // A rotation makes a new key now: the schedule starts again from this moment.
    const rotated = await keys.rotate({ account_id });
    expect(rotated).toMatchObject({ key_rotation_interval_days: 30, days_until_next_rotation: 30 });
    expect(Date.now() - Date.parse(rotated.last_key_rotation_at!)).toBeLessThan(60_000);
    expect(await keys.get({ account_id })).toEqual(rotated);
    await expect(keys.update({ account_id, key_rotation_interval_days: 0 })).rejects.toBeInstanceOf(Cloudflare.BadRequestError);
    await expect(sdk(readToken).zeroTrust.access.keys.get({ account_id })).rejects.toBeInstanceOf(Cloudflare.PermissionDeniedError);
    await keys.update({ account_id, key_rotation_interval_days: initial.key_rotation_interval_days! });
  });

  it("lists access requests, newest first, within since and until", async () => {
    const account_id = accountId;
    const logs = sdk(auditToken).zeroTrust.access.logs.accessRequests;
    // The validation endpoint will write these rows; until then the test writes them itself.
    const at = (minutes: number) => new Date(Date.UTC(2031, 0, 1, 12, minutes));
    const tokenId = randomUUID();
    await withPg(api().databaseUrl, async (c) => {
      for (const [minutes, allowed, reason] of [[0, true, "ok"], [1, false, "invalid_credentials"], [2, false, "no_policy_match"]] as const) {
        await c.query(
          `INSERT INTO access_logs (account_id, created_at, allowed, reason, app_id, app_domain, service_token_id, client_id, ip_address, user_agent, ray_id)
           VALUES ($1, $2, $3, $4, NULL, 'sdk-logs.example.com', $5, 'abc.access', '192.0.2.1', 'curl/8', $6)`,
          [account_id, at(minutes), allowed, reason, tokenId, randomBytes(8).toString("hex")],
        );
      }
    });
    const window = { since: at(0).toISOString(), until: at(2).toISOString() };
    const rows = await logs.list({ account_id, ...window });
    expect(rows.map((r) => r.created_at)).toEqual([at(2), at(1), at(0)].map((d) => d.toISOString()));
    expect(rows[1]).toEqual({
      created_at: at(1).toISOString(),
      allowed: false,
      reason: "invalid_credentials",
      app_uid: null,
      app_domain: "sdk-logs.example.com",
      service_token_id: tokenId,
      client_id: "abc.access",
      ip_address: "192.0.2.1",
      user_agent: "curl/8",
      ray_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      count: 1,
    });
    const oldestFirst = (await logs.list({ account_id, ...window, direction: "asc", limit: 2 })) as { reason?: string }[];
    expect(oldestFirst.map((r) => r.reason)).toEqual(["ok", "invalid_credentials"]);
    expect(await logs.list({ account_id, since: at(3).toISOString() })).toEqual([]);
    await expect(logs.list({ account_id, since: "yesterday" })).rejects.toBeInstanceOf(Cloudflare.BadRequestError);
    await withPg(api().databaseUrl, (c) => c.query("DELETE FROM access_logs WHERE service_token_id = $1", [tokenId]));
  });
});
