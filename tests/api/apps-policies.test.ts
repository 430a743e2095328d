import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { accountPath, api, call, expectFailure, expectSuccess } from "./client";
import { withPg } from "../harness/pg";
import { insertAccount, insertApiToken } from "../harness/server-fixtures";

// What the Access endpoints do field by field, beyond what the SDK test shows: aud, domains,
// PUT-replaces semantics, precedence, app_count, the 409s, revocation, key settings, the audit trail.

const APPS = () => accountPath("/access/apps");
const POLICIES = () => accountPath("/access/policies");
const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;
const uniqueDomain = (path = "") => `${unique("ap")}.example.com${path}`;
const TOKEN_NAME = "apps-policies-writer";

let token: string;
let foreignToken: string;

const send = (method: string, path: string, body?: unknown) => call(method, path, { token, ...(body === undefined ? {} : { body }) });

async function createPolicy(body: Record<string, unknown> = {}) {
  return expectSuccess(await send("POST", POLICIES(), { name: unique("policy"), decision: "non_identity", include: [{ any_valid_service_token: {} }], ...body }), 201).result;
}
async function createApp(body: Record<string, unknown> = {}) {
  return expectSuccess(await send("POST", APPS(), { name: unique("app"), domain: uniqueDomain(), ...body }), 201).result;
}
const getApp = async (id: string) => expectSuccess(await send("GET", `${APPS()}/${id}`)).result;
const getPolicy = async (id: string) => expectSuccess(await send("GET", `${POLICIES()}/${id}`)).result;

/** The audit rows of an object: action, and whether this file's API token is the actor. */
async function auditOf(objectId: string) {
  return withPg(api().databaseUrl, async (c) =>
    (
      await c.query(
        `SELECT a.action, a.actor_type, a.actor_label, a.actor_id = t.id::text AS by_token
           FROM audit_logs a JOIN api_tokens t ON t.name = $2
          WHERE a.object_id = $1 ORDER BY a.id`,
        [objectId, TOKEN_NAME],
      )
    ).rows,
  );
}
const byToken = (action: string) => ({ action, actor_type: "api_token", actor_label: `API token "${TOKEN_NAME}"`, by_token: true });

beforeAll(async () => {
  token = await insertApiToken(api().databaseUrl, { accountId: api().accountId, name: TOKEN_NAME, permissions: ["Access: Apps and Policies Write"] });
  foreignToken = await insertApiToken(api().databaseUrl, {
    accountId: api().otherAccountId,
    name: "apps-policies-foreign",
    permissions: ["Access: Apps and Policies Write", "Access: Service Tokens Write"],
  });
});

describe("applications", () => {
  it("answers 201 with a generated 64-hex aud, the defaults, and exactly the documented fields", async () => {
    const domain = uniqueDomain();
    const res = await send("POST", APPS(), { name: "defaults", domain });
    const app = expectSuccess(res, 201).result;
    expect(Object.keys(app).sort()).toEqual(
      ["aud", "created_at", "domain", "id", "name", "policies", "read_service_tokens_from_header", "service_auth_401_redirect", "session_duration", "type", "updated_at"].sort(),
    );
    expect(app).toMatchObject({ name: "defaults", domain, type: "self_hosted", session_duration: "24h", read_service_tokens_from_header: null, service_auth_401_redirect: false, policies: [] });
    expect(app.aud).toMatch(/^[0-9a-f]{64}$/);
    expect(app.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await createApp()).aud).not.toBe(app.aud);
    expect(await getApp(app.id)).toEqual(app);
  });

  it("keeps aud and created_at across a PUT, even one that sends others", async () => {
    const app = await createApp({ session_duration: "2h" });
    const replaced = expectSuccess(
      await send("PUT", `${APPS()}/${app.id}`, { ...app, name: "renamed", aud: "f".repeat(64), created_at: "2000-01-01T00:00:00Z", id: randomUUID() }),
    ).result;
    expect(replaced).toMatchObject({ id: app.id, aud: app.aud, created_at: app.created_at, name: "renamed", session_duration: "2h" });
    expect(Date.parse(replaced.updated_at)).toBeGreaterThanOrEqual(Date.parse(app.updated_at));
  });

  it("PUT replaces the whole object: what is left out returns to its default", async () => {
    const policy = await createPolicy();
    const app = await createApp({ session_duration: "2h", read_service_tokens_from_header: "X-Service-Token", service_auth_401_redirect: true, policies: [policy.id] });
    expect(app).toMatchObject({ read_service_tokens_from_header: "X-Service-Token", service_auth_401_redirect: true, policies: [expect.objectContaining({ id: policy.id })] });
    const replaced = expectSuccess(await send("PUT", `${APPS()}/${app.id}`, { name: app.name, domain: app.domain })).result;
    expect(replaced).toMatchObject({ session_duration: "24h", read_service_tokens_from_header: null, service_auth_401_redirect: false, policies: [] });
    expect(await getApp(app.id)).toEqual(replaced);
  });

  it("puts back a GET result without writing anything (same updated_at, no audit row)", async () => {
    const policy = await createPolicy();
    const app = await createApp({ policies: [policy.id] });
    const res = expectSuccess(await send("PUT", `${APPS()}/${app.id}`, app)).result;
    expect(res).toEqual(app);
    expect((await auditOf(app.id)).map((r) => r.action)).toEqual(["app.create"]);
  });

  it("normalises the domain and keeps it unique per account: 409 11010, not to be retried", async () => {
    const app = await createApp({ domain: `${unique("Norm").toUpperCase()}.Example.COM/Api/` });
    expect(app.domain).toMatch(/^norm-[0-9a-f]{8}\.example\.com\/Api$/);
    for (const d of [app.domain, app.domain.replace(/^[^/]+/, (h: string) => h.toUpperCase()), `${app.domain}/`]) {
      const res = await send("POST", APPS(), { name: "dup", domain: d });
      expectFailure(res, 409, 11010, "conflict: ");
      expect(res.headers["x-should-retry"]).toBe("false");
    }
    // Another path on the same host is another application; taking an existing domain by PUT is a conflict too.
    const other = await createApp({ domain: app.domain.replace("/Api", "/other") });
    expectFailure(await send("PUT", `${APPS()}/${other.id}`, { name: other.name, domain: app.domain }), 409, 11010, "conflict: ");
    // The other account may use the same domain.
    const foreign = expectSuccess(await call("POST", accountPath("/access/apps", api().otherAccountId), { token: foreignToken, body: { name: "same", domain: app.domain } }), 201).result;
    expect(foreign.domain).toBe(app.domain);
    expect(foreign.aud).not.toBe(app.aud);
  });

  it("refuses bad fields with a 400 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ domain: uniqueDomain() }, "name"],
      [{ name: "x" }, "domain"],
      [{ name: "x", domain: "https://x.example.com" }, "domain"],
      [{ name: "x", domain: "*.example.com" }, "domain"],
      [{ name: "x", domain: uniqueDomain(), type: "saas" }, "type"],
      [{ name: "x", domain: uniqueDomain(), session_duration: "forever" }, "session_duration"],
      [{ name: "x", domain: uniqueDomain(), session_duration: "8761h" }, "session_duration"],
      [{ name: "x", domain: uniqueDomain(), read_service_tokens_from_header: "Not A Header" }, "read_service_tokens_from_header"],
      [{ name: "x", domain: uniqueDomain(), service_auth_401_redirect: "yes" }, "service_auth_401_redirect"],
      [{ name: "x", domain: uniqueDomain(), policies: ["not-a-uuid"] }, "policies.0"],
      [{ name: "x", domain: uniqueDomain(), policies: [randomUUID()] }, "policies.0"],
      [{ name: "nul\u0000", domain: uniqueDomain() }, "name"],
    ];
    for (const [body, field] of cases) expectFailure(await send("POST", APPS(), body), 400, 10001, `invalid request: ${field}: `);
  });

  it("attaches policies by id (precedence = position) or {id, precedence}, answered in precedence order", async () => {
    const [a, b, c] = [await createPolicy({ name: unique("a") }), await createPolicy({ name: unique("b") }), await createPolicy({ name: unique("c") })];
    const byPosition = await createApp({ policies: [a.id, b.id] });
    expect(byPosition.policies.map((p: { id: string; precedence: number }) => [p.id, p.precedence])).toEqual([[a.id, 1], [b.id, 2]]);
    const app = await createApp({ policies: [{ id: a.id, precedence: 30 }, { id: b.id, precedence: 10 }, { id: c.id, precedence: 20 }] });
    expect(app.policies.map((p: { id: string; precedence: number }) => [p.id, p.precedence])).toEqual([[b.id, 10], [c.id, 20], [a.id, 30]]);
    // Each attached policy is the full object, with its precedence in this application.
    const { precedence, ...policy } = app.policies[0];
    expect(precedence).toBe(10);
    expect(policy).toEqual({ ...(await getPolicy(b.id)) });
    expect(Object.keys(app.policies[0]).sort()).toEqual(
      ["app_count", "created_at", "decision", "exclude", "id", "include", "name", "precedence", "require", "session_duration", "updated_at"].sort(),
    );
    expectFailure(await send("POST", APPS(), { name: "x", domain: uniqueDomain(), policies: [{ id: a.id, precedence: 1 }, { id: b.id, precedence: 1 }] }), 400, 10001, "invalid request: policies.1.precedence: ");
    expectFailure(await send("POST", APPS(), { name: "x", domain: uniqueDomain(), policies: [a.id, a.id] }), 400, 10001, "invalid request: policies.1: ");
  });

  it("refuses another account's policy, as if it did not exist", async () => {
    const foreign = expectSuccess(
      await call("POST", accountPath("/access/policies", api().otherAccountId), {
        token: foreignToken,
        body: { name: "foreign", decision: "allow", include: [{ everyone: {} }] },
      }),
      201,
    ).result;
    expectFailure(await send("POST", APPS(), { name: "x", domain: uniqueDomain(), policies: [{ id: foreign.id }] }), 400, 10001, "invalid request: policies.0.id: ");
    expectFailure(await send("GET", `${POLICIES()}/${foreign.id}`), 404, 12135, "access.api.error.not_found");
  });

  it("revoke_tokens answers 202 with a null result and records the time and an audit row", async () => {
    const app = await createApp();
    const before = Date.now();
    const res = await send("POST", `${APPS()}/${app.id}/revoke_tokens`);
    expect(expectSuccess(res, 202).result).toBeNull();
    const revokedAt = await withPg(api().databaseUrl, async (c) => (await c.query("SELECT last_revoked_at FROM access_apps WHERE id = $1", [app.id])).rows[0].last_revoked_at as Date);
    expect(revokedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(revokedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await auditOf(app.id)).toEqual([byToken("app.create"), byToken("app.revoke_tokens")]);
    // The revocation time is not a field of the object (only updated_at moves).
    const { updated_at: _before, ...rest } = app;
    expect(await getApp(app.id)).toEqual({ ...rest, updated_at: expect.any(String) });
  });

  it("DELETE answers {id} only, and the application is gone", async () => {
    const app = await createApp();
    expect(expectSuccess(await send("DELETE", `${APPS()}/${app.id}`)).result).toEqual({ id: app.id });
    expectFailure(await send("GET", `${APPS()}/${app.id}`), 404, 12135);
    expectFailure(await send("DELETE", `${APPS()}/${app.id}`), 404, 12135);
  });

  it("lists with page and per_page, `result: []` past the end, search by name or domain, and refuses exact filters", async () => {
    const prefix = unique("listed");
    for (let i = 0; i < 3; i++) await createApp({ name: `${prefix}-${i}` });
    const page = (n: number) => call("GET", `${APPS()}?search=${prefix}&per_page=2&page=${n}`, { token });
    const first = expectSuccess(await page(1));
    expect(first.result.map((a: { name: string }) => a.name)).toEqual([`${prefix}-0`, `${prefix}-1`]);
    expect(first.result_info).toEqual({ page: 1, per_page: 2, count: 2, total_count: 3, total_pages: 2 });
    expect(expectSuccess(await page(3))).toMatchObject({ result: [], result_info: { page: 3, per_page: 2, count: 0, total_count: 3, total_pages: 2 } });
    expectFailure(await send("GET", `${APPS()}?name=${prefix}-0`), 400, 10001, "invalid request: name: ");
  });
});

describe("reusable policies", () => {
  it("answers 201 with exactly the documented fields; PUT replaces the whole policy", async () => {
    const st = expectSuccess(await call("POST", accountPath("/access/service_tokens"), { body: { name: unique("rule-target") } }), 201).result;
    const policy = await createPolicy({
      include: [{ service_token: { token_id: st.id.toUpperCase() } }, { ip: { ip: "2001:db8::/32" } }],
      require: [{ email_domain: { domain: "Example.COM" } }],
      exclude: [{ ip: { ip: "192.0.2.7" } }],
      session_duration: "45m",
    });
    expect(Object.keys(policy).sort()).toEqual(["app_count", "created_at", "decision", "exclude", "id", "include", "name", "require", "session_duration", "updated_at"].sort());
    expect(policy).toMatchObject({
      decision: "non_identity",
      include: [{ service_token: { token_id: st.id } }, { ip: { ip: "2001:db8::/32" } }],
      require: [{ email_domain: { domain: "example.com" } }],
      session_duration: "45m",
      app_count: 0,
    });
    const replaced = expectSuccess(await send("PUT", `${POLICIES()}/${policy.id}`, { name: policy.name, decision: "bypass", include: [{ everyone: {} }] })).result;
    expect(replaced).toMatchObject({ id: policy.id, created_at: policy.created_at, decision: "bypass", require: [], exclude: [], session_duration: null });
    // GET then PUT writes nothing.
    expect(expectSuccess(await send("PUT", `${POLICIES()}/${policy.id}`, replaced)).result).toEqual(replaced);
    expect((await auditOf(policy.id)).map((r) => r.action)).toEqual(["policy.create", "policy.update"]);
  });

  it("refuses bad rules with a 400 naming the field, and another account's service token", async () => {
    const foreignSt = expectSuccess(
      await call("POST", accountPath("/access/service_tokens", api().otherAccountId), { token: foreignToken, body: { name: "foreign" } }),
      201,
    ).result;
    const base = { name: "x", decision: "allow" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, include: [] }, "include"],
      [{ ...base, decision: "block", include: [{ everyone: {} }] }, "decision"],
      [{ ...base, include: [{ everyone: {} }, { ip: { ip: "10.0.0.0/33" } }] }, "include.1.ip.ip"],
      [{ ...base, include: [{ email: { email: "nope" } }] }, "include.0.email.email"],
      [{ ...base, include: [{ group: { id: "x" } }] }, "include.0"],
      [{ ...base, include: [{ everyone: {} }], require: [{ service_token: { token_id: foreignSt.id } }] }, "require.0.service_token.token_id"],
      [{ ...base, include: [{ everyone: {} }], session_duration: "0s" }, "session_duration"],
    ];
    for (const [body, field] of cases) expectFailure(await send("POST", POLICIES(), body), 400, 10001, `invalid request: ${field}: `);
  });

  it("counts the applications using a policy in app_count", async () => {
    const policy = await createPolicy();
    const one = await createApp({ policies: [policy.id] });
    const two = await createApp({ policies: [{ id: policy.id, precedence: 5 }] });
    expect((await getPolicy(policy.id)).app_count).toBe(2);
    expect(one.policies[0].app_count).toBe(1);
    expect((await getApp(one.id)).policies[0].app_count).toBe(2);
    await send("PUT", `${APPS()}/${one.id}`, { name: one.name, domain: one.domain });
    expect((await getPolicy(policy.id)).app_count).toBe(1);
    await send("DELETE", `${APPS()}/${two.id}`);
    expect((await getPolicy(policy.id)).app_count).toBe(0);
  });

  it("cannot be deleted while attached: 409 11010 with x-should-retry: false; then DELETE answers {id}", async () => {
    const policy = await createPolicy();
    const app = await createApp({ policies: [policy.id] });
    const res = await send("DELETE", `${POLICIES()}/${policy.id}`);
    expectFailure(res, 409, 11010, "conflict: policy is used by 1 application(s)");
    expect(res.headers["x-should-retry"]).toBe("false");
    expect((await getPolicy(policy.id)).id).toBe(policy.id);
    await send("PUT", `${APPS()}/${app.id}`, { name: app.name, domain: app.domain, policies: [] });
    expect(expectSuccess(await send("DELETE", `${POLICIES()}/${policy.id}`)).result).toEqual({ id: policy.id });
    expectFailure(await send("GET", `${POLICIES()}/${policy.id}`), 404, 12135);
    expect((await auditOf(policy.id)).map((r) => r.action)).toEqual(["policy.create", "policy.delete"]);
  });

  it("lists with page and per_page and `result: []` past the end", async () => {
    const prefix = unique("plisted");
    for (let i = 0; i < 3; i++) await createPolicy({ name: `${prefix}-${i}` });
    const first = expectSuccess(await send("GET", `${POLICIES()}?search=${prefix}&per_page=2`));
    expect(first.result.map((p: { name: string }) => p.name)).toEqual([`${prefix}-0`, `${prefix}-1`]);
    expect(first.result_info).toEqual({ page: 1, per_page: 2, count: 2, total_count: 3, total_pages: 2 });
    expect(expectSuccess(await send("GET", `${POLICIES()}?search=${prefix}&per_page=2&page=9`))).toMatchObject({ result: [], result_info: { count: 0, total_count: 3 } });
  });
});

describe("signing-key settings", () => {
  // The schedule is one per account: an account of its own, which the other API files running
  // beside this one cannot change (what holds before the first key is also tested in
  // tests/integration/access-keys-logs.test.ts).
  let keysAccount: string;
  let keysToken: string;
  const KEYS = () => accountPath("/access/keys", keysAccount);
  const sendKeys = (method: string, path: string, body?: unknown) => call(method, path, { token: keysToken, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    keysAccount = await insertAccount(api().databaseUrl, "apps-policies signing keys");
    keysToken = await insertApiToken(api().databaseUrl, { accountId: keysAccount, name: "apps-policies-keys", permissions: ["Access: Apps and Policies Write"] });
  });

  it("reads the settings, changes the interval, and refuses bad ones", async () => {
    const got = expectSuccess(await sendKeys("GET", KEYS())).result;
    expect(Object.keys(got).sort()).toEqual(["days_until_next_rotation", "key_rotation_interval_days", "last_key_rotation_at"]);
    if (got.last_key_rotation_at === null) expect(got.days_until_next_rotation).toBe(got.key_rotation_interval_days);
    const interval = got.key_rotation_interval_days === 90 ? 91 : 90;
    const changed = expectSuccess(await sendKeys("PUT", KEYS(), { ...got, key_rotation_interval_days: interval })).result;
    expect(changed).toMatchObject({ key_rotation_interval_days: interval, last_key_rotation_at: got.last_key_rotation_at });
    expect(changed.days_until_next_rotation).toBe(got.last_key_rotation_at === null ? interval : interval - (got.key_rotation_interval_days - got.days_until_next_rotation));
    for (const bad of [0, 366, 1.5, "30", null]) {
      expectFailure(await sendKeys("PUT", KEYS(), { key_rotation_interval_days: bad }), 400, 10001, "invalid request: key_rotation_interval_days: ");
    }
    // Rotation makes a new signing key now: the schedule restarts from this moment.
    const before = Date.now();
    const rotated = expectSuccess(await sendKeys("POST", `${KEYS()}/rotate`)).result;
    expect(rotated).toMatchObject({ key_rotation_interval_days: interval, days_until_next_rotation: interval });
    expect(Date.parse(rotated.last_key_rotation_at)).toBeGreaterThanOrEqual(before - 1000);
    await sendKeys("PUT", KEYS(), { key_rotation_interval_days: got.key_rotation_interval_days });
    const rows = await withPg(api().databaseUrl, async (c) =>
      (await c.query("SELECT action, actor_type, before, after FROM audit_logs WHERE object_type = 'access_keys' AND account_id = $1 ORDER BY id", [keysAccount])).rows,
    );
    expect(rows.filter((r) => r.action === "access_keys.update").slice(-2)).toEqual([
      { action: "access_keys.update", actor_type: "api_token", before: { key_rotation_interval_days: got.key_rotation_interval_days }, after: { key_rotation_interval_days: interval } },
      { action: "access_keys.update", actor_type: "api_token", before: { key_rotation_interval_days: interval }, after: { key_rotation_interval_days: got.key_rotation_interval_days } },
    ]);
    expect(rows.at(-2)).toMatchObject({ action: "access_keys.rotate", actor_type: "api_token" });
    // The body of a rotation is ignored, whatever it is.
    for (const b of [undefined, "", "{}", "not even JSON"]) {
      expectSuccess(await call("POST", `${KEYS()}/rotate`, { token: keysToken, ...(b === undefined ? {} : { rawBody: b, headers: { "content-type": "application/json" } }) }));
    }
  });
});

describe("the audit trail", () => {
  it("records every application and policy write with the API token as the actor", async () => {
    const policy = await createPolicy();
    const app = await createApp({ policies: [policy.id] });
    await send("PUT", `${APPS()}/${app.id}`, { name: "audited", domain: app.domain, policies: [policy.id] });
    await send("POST", `${APPS()}/${app.id}/revoke_tokens`);
    await send("PUT", `${POLICIES()}/${policy.id}`, { name: "audited", decision: "allow", include: [{ everyone: {} }] });
    await send("DELETE", `${APPS()}/${app.id}`);
    await send("DELETE", `${POLICIES()}/${policy.id}`);
    expect(await auditOf(app.id)).toEqual(["app.create", "app.update", "app.revoke_tokens", "app.delete"].map(byToken));
    expect(await auditOf(policy.id)).toEqual(["policy.create", "policy.update", "policy.delete"].map(byToken));
  });

  it("a refused write leaves no trace", async () => {
    const app = await createApp();
    expectFailure(await send("PUT", `${APPS()}/${app.id}`, { name: app.name, domain: app.domain, session_duration: "1y" }), 400, 10001);
    expectFailure(await call("PUT", `${APPS()}/${app.id}`, { token: api().tokens.write, body: { name: "x", domain: app.domain } }), 403, 10000);
    expect(await getApp(app.id)).toEqual(app);
    expect((await auditOf(app.id)).map((r) => r.action)).toEqual(["app.create"]);
  });
});

describe("deleting a service token that policies name", () => {
  it("takes it out of their rules in the same request, audits each policy, and leaves them valid", async () => {
    const serviceTokens = accountPath("/access/service_tokens");
    const newToken = async () => expectSuccess(await call("POST", serviceTokens, { body: { name: unique("named") } }), 201).result;
    const gone = await newToken();
    const kept = await newToken();
    const rule = (id: string) => ({ service_token: { token_id: id } });
    const shared = await createPolicy({ include: [rule(gone.id), rule(kept.id)], exclude: [rule(gone.id)] });
    const only = await createPolicy({ include: [rule(gone.id)] });
    const app = await createApp({ policies: [only.id, shared.id] });

    expectSuccess(await call("DELETE", `${serviceTokens}/${gone.id}`));
    expect(await getPolicy(shared.id)).toMatchObject({ include: [rule(kept.id)], exclude: [] });
    const emptied = await getPolicy(only.id);
    expect(emptied).toMatchObject({ include: [], app_count: 1 });
    expect((await getApp(app.id)).policies.map((p: { id: string }) => p.id)).toEqual([only.id, shared.id]);
    // GET-then-PUT of the emptied policy works; emptying another by hand does not.
    expect(expectSuccess(await send("PUT", `${POLICIES()}/${only.id}`, emptied)).result).toEqual(emptied);
    expectFailure(await send("PUT", `${POLICIES()}/${shared.id}`, { ...(await getPolicy(shared.id)), include: [] }), 400, 10001, "invalid request: include: ");

    const rows = await withPg(api().databaseUrl, async (c) =>
      (await c.query("SELECT object_id, action, actor_label FROM audit_logs WHERE object_id = ANY($1) ORDER BY id", [[shared.id, only.id]])).rows,
    );
    expect(rows.filter((r) => r.action === "policy.update")).toEqual(
      [only.id, shared.id].sort().map((id) => ({ object_id: id, action: "policy.update", actor_label: 'API token "writer"' })),
    );
  });
});
