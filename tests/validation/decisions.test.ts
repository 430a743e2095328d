import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withPg } from "../harness/pg";
import { createAccountWithCli, createApiTokenWithCli } from "../harness/server-fixtures";
import { ALL_PERMISSIONS, type ValidationFixture } from "./global-setup";
import { api, createApp, createPolicy, createToken, eventually, fixture, pairHeaders, serviceAuthApp, uniqueHost, uniqueIp, validate } from "./fixtures";

// What /cdn-cgi/access/validate decides, request by request, through the running server.

const code = (r: { json: any }) => r.json.errors?.[0]?.code;

async function logRows(appId: string) {
  return withPg(fixture().databaseUrl, async (c) => (await c.query(`SELECT allowed, reason, count, client_id, service_token_id, ip_address, ray_id FROM access_logs WHERE app_id = $1 ORDER BY id`, [appId])).rows);
}

describe("resolving the application", () => {
  it("by X-Forwarded-Host and the longest path prefix of X-Forwarded-Uri", async () => {
    const host = uniqueHost("paths");
    const tRoot = await createToken("root");
    const tApi = await createToken("api");
    const pRoot = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: tRoot.id } }] });
    const pApi = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: tApi.id } }] });
    await createApp(host, [pRoot.id]);
    await createApp(`${host}/api`, [pApi.id]);
    expect((await validate({ host, uri: "/api/v1/x?y=1", headers: pairHeaders(tApi) })).status).toBe(200);
    expect((await validate({ host, uri: "/api/v1/x", headers: pairHeaders(tRoot) })).status).toBe(403);
    expect((await validate({ host, uri: "/apix", headers: pairHeaders(tRoot) })).status).toBe(200);
    expect((await validate({ host: `${host.toUpperCase()}:443`, uri: "/", headers: pairHeaders(tRoot) })).status).toBe(200);
    // Dot segments are resolved as the proxy will route them: this is a request for /api/...
    expect((await validate({ host, uri: "/public/../api/secret", headers: pairHeaders(tRoot) })).status).toBe(403);
    expect((await validate({ host, uri: "/public/%2e%2e/api/secret", headers: pairHeaders(tApi) })).status).toBe(200);
  });

  it("by ?aud= or ?domain= for direct calls, and 403 when nothing matches", async () => {
    const { token, app } = await serviceAuthApp("direct");
    expect((await validate({ query: `aud=${app.aud}`, headers: pairHeaders(token) })).status).toBe(200);
    expect((await validate({ query: `domain=${encodeURIComponent(app.domain)}`, headers: pairHeaders(token) })).status).toBe(200);
    const none = await validate({ host: uniqueHost("nobody"), headers: pairHeaders(token) });
    expect(none.status).toBe(403);
    expect(code(none)).toBe("no_application");
    expect((await validate({ query: "aud=zz", headers: pairHeaders(token) })).status).toBe(403);
    expect((await validate({ headers: pairHeaders(token) })).status).toBe(403);
  });

  it("accepts any method", async () => {
    const { token, app } = await serviceAuthApp("methods");
    for (const method of ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]) {
      expect((await validate({ host: app.domain, headers: pairHeaders(token), method })).status, method).toBe(200);
    }
  });
});

describe("service tokens", () => {
  it("401 without credentials, with a wrong secret, an unknown id or one header; never saying which", async () => {
    const { token, app } = await serviceAuthApp("refusals");
    const none = await validate({ host: app.domain });
    expect([none.status, code(none)]).toEqual([401, "missing_credentials"]);
    const cases: Record<string, string>[] = [
      { "CF-Access-Client-Id": token.client_id, "CF-Access-Client-Secret": "0".repeat(64) },
      { "CF-Access-Client-Id": "0".repeat(32) + ".access", "CF-Access-Client-Secret": token.client_secret },
      { "CF-Access-Client-Id": "garbage", "CF-Access-Client-Secret": token.client_secret },
      { "CF-Access-Client-Id": token.client_id },
      { "CF-Access-Client-Secret": token.client_secret },
    ];
    const bodies = new Set<string>();
    for (const headers of cases) {
      const r = await validate({ host: app.domain, headers });
      expect(r.status).toBe(401);
      bodies.add(JSON.stringify(r.json));
    }
    expect(bodies.size).toBe(1);
    const rows = await eventually(async () => {
      const r = await logRows(app.id);
      expect(r).toHaveLength(6);
      return r;
    });
    expect(rows.map((r) => r.reason)).toEqual(["missing_credentials", "invalid_client_secret", "unknown_client_id", "unknown_client_id", "invalid_credentials", "invalid_credentials"]);
    expect(rows.every((r) => r.allowed === false && r.count === 1)).toBe(true);
    // Each row its own ray id, though a batch draws them together.
    expect(rows.every((r) => /^[0-9a-f]{16}$/.test(r.ray_id))).toBe(true);
    expect(new Set(rows.map((r) => r.ray_id)).size).toBe(rows.length);
  });

  it("a token of another account is unknown here", async () => {
    const f = fixture();
    const other = await createAccountWithCli(f.dataDir, "Other validation account");
    const otherToken = await createApiTokenWithCli(f.dataDir, { name: "other", permissions: ALL_PERMISSIONS, account: other });
    const foreign = await createToken("foreign", {}, { ...f, accountId: other, token: otherToken });
    // A policy cannot name another account's token; any_valid_service_token would admit any of ours.
    const any = await createPolicy({ decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    const app = await createApp(uniqueHost("any-token"), [any.id]);
    expect((await validate({ host: app.domain, headers: pairHeaders(foreign) })).status).toBe(401);
    expect((await validate({ host: app.domain, headers: pairHeaders(await createToken("ours")) })).status).toBe(200);
  });

  it("a renamed token's new name is in the next answer (answers are reused only while nothing in them changed)", async () => {
    const { token, app } = await serviceAuthApp("rename");
    const name = async () => (await validate({ host: app.domain, headers: pairHeaders(token) })).json.result.service_token.name;
    expect(await name()).toBe(token.name);
    expect(await name()).toBe(token.name);
    await api("PUT", `/access/service_tokens/${token.id}`, { name: "renamed token" });
    await eventually(async () => expect(await name()).toBe("renamed token"), 2000);
  });

  it("the single header, once the application names it", async () => {
    const { token, app } = await serviceAuthApp("single", { app: { read_service_tokens_from_header: "X-Service-Token" } });
    const json = JSON.stringify({ "cf-access-client-id": token.client_id, "cf-access-client-secret": token.client_secret });
    expect((await validate({ host: app.domain, headers: { "x-service-token": json } })).status).toBe(200);
    expect((await validate({ host: app.domain, headers: { "x-service-token": "{not json" } })).status).toBe(401);
    expect((await validate({ host: app.domain, headers: pairHeaders(token) })).status).toBe(200);
  });

  it("the previous secret during its grace period, and its use is recorded with the IP", async () => {
    const { token, app } = await serviceAuthApp("grace");
    const rotated = (await api("POST", `/access/service_tokens/${token.id}/rotate`, { previous_client_secret_expires_at: new Date(Date.now() + 3600_000).toISOString() })).result;
    const ip = uniqueIp();
    await eventually(async () => expect((await validate({ host: app.domain, headers: pairHeaders(rotated) })).status).toBe(200));
    expect((await validate({ host: app.domain, headers: pairHeaders(token), ip })).status).toBe(200);
    const row = await eventually(async () => {
      const r = await withPg(fixture().databaseUrl, async (c) => (await c.query(`SELECT previous_secret_last_seen_at AS at, previous_secret_last_seen_ip AS ip, last_seen_at FROM service_tokens WHERE id = $1`, [token.id])).rows[0]);
      expect(r.at).not.toBeNull();
      return r;
    });
    expect(row.ip).toBe(ip);
    expect(row.last_seen_at).not.toBeNull();
    await api("PUT", `/access/service_tokens/${token.id}`, { name: token.name, previous_client_secret_expires_at: new Date(Date.now() - 1000).toISOString() });
    await eventually(async () => expect((await validate({ host: app.domain, headers: pairHeaders(token) })).status).toBe(401));
    expect((await validate({ host: app.domain, headers: pairHeaders(rotated) })).status).toBe(200);
  });
});

describe("policies", () => {
  it("a matching bypass admits without credentials and without a JWT", async () => {
    const ip = uniqueIp();
    const bypass = await createPolicy({ decision: "bypass", include: [{ ip: { ip: `${ip}/32` } }] });
    const app = await createApp(uniqueHost("bypass"), [bypass.id]);
    const r = await validate({ host: app.domain, ip });
    expect(r.status).toBe(200);
    expect(r.headers.get("cf-access-jwt-assertion")).toBeNull();
    expect(r.json.result.service_token).toBeNull();
    expect((await validate({ host: app.domain, ip: uniqueIp() })).status).toBe(401);
  });

  it("by precedence: a matching deny first refuses with 403, a Service Auth first admits", async () => {
    const token = await createToken("precedence");
    const ip = uniqueIp();
    const deny = await createPolicy({ decision: "deny", include: [{ ip: { ip } }] });
    const svc = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: token.id } }] });
    const denyFirst = await createApp(uniqueHost("deny-first"), [
      { id: deny.id, precedence: 1 },
      { id: svc.id, precedence: 2 },
    ] as never);
    const svcFirst = await createApp(uniqueHost("svc-first"), [
      { id: svc.id, precedence: 1 },
      { id: deny.id, precedence: 2 },
    ] as never);
    const refused = await validate({ host: denyFirst.domain, headers: pairHeaders(token), ip });
    expect([refused.status, code(refused)]).toEqual([403, "access_denied"]);
    expect((await validate({ host: denyFirst.domain, headers: pairHeaders(token), ip: uniqueIp() })).status).toBe(200);
    expect((await validate({ host: svcFirst.domain, headers: pairHeaders(token), ip })).status).toBe(200);
  });

  it("require and exclude narrow a Service Auth policy; allow policies never admit a token", async () => {
    const token = await createToken("narrow");
    const ip = uniqueIp();
    const svc = await createPolicy({
      decision: "non_identity",
      include: [{ any_valid_service_token: {} }],
      require: [{ ip: { ip: `${ip}/32` } }],
      exclude: [{ service_token: { token_id: (await createToken("excluded")).id } }],
    });
    const app = await createApp(uniqueHost("narrow"), [svc.id]);
    expect((await validate({ host: app.domain, headers: pairHeaders(token), ip })).status).toBe(200);
    expect((await validate({ host: app.domain, headers: pairHeaders(token), ip: uniqueIp() })).status).toBe(403);
    const allow = await createPolicy({ decision: "allow", include: [{ everyone: {} }] });
    const allowOnly = await createApp(uniqueHost("allow-only"), [allow.id]);
    const r = await validate({ host: allowOnly.domain, headers: pairHeaders(token) });
    expect([r.status, code(r)]).toEqual([403, "access_denied"]);
  });

  it("a policy change holds at once", async () => {
    const { token, policy, app } = await serviceAuthApp("policy-change");
    expect((await validate({ host: app.domain, headers: pairHeaders(token) })).status).toBe(200);
    await api("PUT", `/access/policies/${policy.id}`, { name: "now someone else", decision: "non_identity", include: [{ service_token: { token_id: (await createToken("other")).id } }] });
    await eventually(async () => expect((await validate({ host: app.domain, headers: pairHeaders(token) })).status).toBe(403), 1000);
  });
});

describe("strict mode", () => {
  let base: ValidationFixture;
  beforeAll(async () => {
    const f = fixture();
    const accountId = await createAccountWithCli(f.dataDir, "Strict");
    base = { ...f, accountId, token: await createApiTokenWithCli(f.dataDir, { name: "strict", permissions: ALL_PERMISSIONS, account: accountId }) };
  });

  it("issues no cookie, ignores JWTs, and still admits service tokens", async () => {
    const token = await createToken("strict", {}, base);
    const svc = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: token.id } }] }, base);
    const allow = await createPolicy({ decision: "allow", include: [{ email_domain: { domain: "example.com" } }] }, base);
    const app = await createApp(uniqueHost("strict"), [svc.id, allow.id], {}, base);
    const before = await validate({ host: app.domain, headers: pairHeaders(token) });
    expect(before.headers.get("set-cookie")).not.toBeNull();
    const jwt = before.headers.get("cf-access-jwt-assertion")!;
    // Strict mode is a Super Administrator's switch (dashboard Settings), not an API-token one.
    await withPg(base.databaseUrl, (c) =>
      c.query(
        `INSERT INTO account_settings (account_id, strict_service_token_auth, updated_at) VALUES ($1, true, now())
         ON CONFLICT (account_id) DO UPDATE SET strict_service_token_auth = true, updated_at = now()`,
        [base.accountId],
      ),
    );
    await eventually(async () => expect((await validate({ host: app.domain, headers: { "cf-access-token": jwt } })).status).toBe(401));
    const after = await validate({ host: app.domain, headers: pairHeaders(token) });
    expect(after.status).toBe(200);
    expect(after.headers.get("set-cookie")).toBeNull();
  });
});

describe("rate limiting and the access log", () => {
  it("after 100 failures from one IP, that IP gets 401 rate_limited with Retry-After; another IP does not", async () => {
    const { token, app } = await serviceAuthApp("rate-ip");
    const ip = uniqueIp();
    // A new unknown client id each time: the per-client-id limit must not be what trips.
    const wrong = () => ({ "CF-Access-Client-Id": `${randomBytes(16).toString("hex")}.access`, "CF-Access-Client-Secret": "x" });
    for (let i = 0; i < 100; i++) expect((await validate({ host: app.domain, headers: wrong(), ip })).status).toBe(401);
    const limited = await validate({ host: app.domain, headers: pairHeaders(token), ip });
    expect([limited.status, code(limited)]).toEqual([401, "rate_limited"]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await validate({ host: app.domain, headers: pairHeaders(token), ip: uniqueIp() })).status).toBe(200);
    const rows = await eventually(async () => {
      const r = await logRows(app.id);
      expect(r.some((x) => x.reason === "rate_limited")).toBe(true);
      return r;
    });
    expect(rows.filter((r) => r.reason === "unknown_client_id")).toHaveLength(100);
  });

  it("after 20 failures for one client id, that id is refused from any IP", async () => {
    const { token, app } = await serviceAuthApp("rate-id");
    const wrong = { "CF-Access-Client-Id": token.client_id, "CF-Access-Client-Secret": "x" };
    for (let i = 0; i < 20; i++) expect((await validate({ host: app.domain, headers: wrong })).status).toBe(401);
    const limited = await validate({ host: app.domain, headers: pairHeaders(token) });
    expect([limited.status, code(limited)]).toEqual([401, "rate_limited"]);
    expect((await validate({ host: app.domain, headers: pairHeaders(await createTokenFor(app.id)) })).status).not.toBe(401);
  });

  it("aggregates admitted attempts per token, application, IP and minute, and sets last_seen_at", async () => {
    const { token, app } = await serviceAuthApp("aggregate");
    const ip = uniqueIp();
    for (let i = 0; i < 7; i++) expect((await validate({ host: app.domain, headers: pairHeaders(token), ip })).status).toBe(200);
    const rows = await eventually(async () => {
      const r = (await logRows(app.id)).filter((x) => x.allowed);
      expect(r.reduce((n, x) => n + x.count, 0)).toBe(7);
      return r;
    });
    // Seven in one minute is one row, two if the minute turned meanwhile.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows[0]).toMatchObject({ reason: "ok", service_token_id: token.id, client_id: token.client_id, ip_address: ip });
    const seen = (await api("GET", `/access/service_tokens/${token.id}`)).result.last_seen_at;
    expect(seen).not.toBeNull();
  });
});

/** A second token admitted to the application of `appId` (through a new Service Auth policy). */
async function createTokenFor(appId: string) {
  const t = await createToken("second");
  const app = (await api("GET", `/access/apps/${appId}`)).result;
  const p = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: t.id } }] });
  await api("PUT", `/access/apps/${appId}`, { ...app, policies: [...app.policies.map((x: { id: string; precedence: number }) => ({ id: x.id, precedence: x.precedence })), { id: p.id, precedence: 99 }] });
  await eventually(async () => expect((await validate({ host: app.domain, headers: pairHeaders(t) })).status).toBe(200));
  return t;
}

describe("the other endpoints", () => {
  it("answer unknown paths with a JSON 404 and wrong methods with 405", async () => {
    const f = fixture();
    const nope = await fetch(`${f.url}/cdn-cgi/access/nope`);
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as any).success).toBe(false);
    expect((await fetch(`${f.url}/cdn-cgi/access/certs`, { method: "POST" })).status).toBe(405);
  });
});

describe("hostile input", () => {
  it("never answers 5xx, whatever the query, headers or JWT look like", async () => {
    const { token, app } = await serviceAuthApp("hostile");
    // 4,000 characters: big, yet under Node's 16 KB header limit (past it the HTTP parser refuses
    // the request before any handler runs).
    const big = "a".repeat(4000);
    const cases: Parameters<typeof validate>[0][] = [
      { query: "aud=%00" },
      { query: "domain=%zz%" },
      { query: `domain=${big}` },
      { query: "aud[]=1&aud[]=2" },
      { host: big },
      { host: app.domain, uri: `/${big}` },
      { host: app.domain, uri: "%%%" },
      { host: app.domain, uri: "../../../../etc/passwd" },
      { host: app.domain, headers: { "CF-Access-Client-Id": big, "CF-Access-Client-Secret": big } },
      { host: app.domain, headers: { "CF-Access-Client-Id": token.client_id, "CF-Access-Client-Secret": "\u00e9\u00e8" } },
      { host: app.domain, headers: { "cf-access-token": big } },
      { host: app.domain, headers: { "cf-access-token": "e30.e30.e30" } },
      { host: app.domain, headers: { cookie: `CF_Authorization=${"%".repeat(100)}` } },
      { host: app.domain, headers: { cookie: "CF_Authorization" } },
    ];
    for (const c of cases) {
      const r = await validate(c);
      expect(r.status, JSON.stringify(c).slice(0, 120)).toBeLessThan(500);
      expect(r.json.success, `${r.status} ${JSON.stringify(c).slice(0, 80)}`).toBe(false);
    }
    expect((await validate({ host: app.domain, headers: pairHeaders(token) })).status).toBe(200);
  });
});
