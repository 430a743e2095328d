import { createHmac, createPublicKey } from "node:crypto";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { withPg } from "../harness/pg";
import { createAccountWithCli, createApiTokenWithCli } from "../harness/server-fixtures";
import { ALL_PERMISSIONS, type ValidationFixture } from "./global-setup";
import { api, createApp, createPolicy, createToken, eventually, fixture, pairHeaders, uniqueHost, validate, type ServiceToken } from "./fixtures";

// The JWT of an admitted request: verifiable by anyone through /cdn-cgi/access/certs, claims as
// Cloudflare Access writes them, and refused when forged, replayed elsewhere, expired or revoked.

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

/** An app with a Service Auth policy for a new token and an allow policy (so JWTs count). */
async function jwtApp(label: string, opts: { policySession?: string; appSession?: string } = {}, base?: ValidationFixture) {
  const token = await createToken(`${label} token`, {}, base);
  const svc = await createPolicy(
    { decision: "non_identity", include: [{ service_token: { token_id: token.id } }], ...(opts.policySession ? { session_duration: opts.policySession } : {}) },
    base,
  );
  const allow = await createPolicy({ decision: "allow", include: [{ email_domain: { domain: "example.com" } }] }, base);
  const app = await createApp(uniqueHost(label), [svc.id, allow.id], opts.appSession ? { session_duration: opts.appSession } : {}, base);
  return { token, app };
}

async function mint(host: string, token: ServiceToken, base?: ValidationFixture): Promise<string> {
  const r = await validate({ host, headers: pairHeaders(token), base: base?.url });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.headers.get("cf-access-jwt-assertion")!;
}

const withJwt = (host: string, jwt: string, base?: string) => validate({ host, headers: { "cf-access-token": jwt }, base });

describe("the application JWT", () => {
  it("a JWT's answer is reused only while nothing in it changed: a rename and a disable show at once", async () => {
    const { token, app } = await jwtApp("jwt-reuse");
    const jwt = await mint(app.domain, token);
    const answer = async () => (await withJwt(app.domain, jwt)).json;
    for (let i = 0; i < 3; i++) expect((await answer()).result.service_token.name).toBe(token.name);
    await api("PUT", `/access/service_tokens/${token.id}`, { name: "renamed behind a JWT" });
    await eventually(async () => expect((await answer()).result.service_token.name).toBe("renamed behind a JWT"), 2000);
    await api("PUT", `/access/service_tokens/${token.id}`, { name: "renamed behind a JWT", enabled: false });
    await eventually(async () => expect((await withJwt(app.domain, jwt)).status).toBe(401), 2000);
  });

  it("verifies with createRemoteJWKSet against /certs and carries exactly Cloudflare's claims", async () => {
    const f = fixture();
    const { token, app } = await jwtApp("claims");
    const r = await validate({ host: app.domain, headers: pairHeaders(token) });
    expect(r.status).toBe(200);
    const jwt = r.headers.get("cf-access-jwt-assertion")!;
    expect(r.headers.get("cf-access-client-id")).toBe(token.client_id);
    const issuer = `http://localhost:${new URL(f.url).port}`;
    const jwks = createRemoteJWKSet(new URL(`${f.url}/cdn-cgi/access/certs`));
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { issuer, audience: app.aud, algorithms: ["RS256"] });
    expect(protectedHeader.alg).toBe("RS256");
    expect(protectedHeader.kid).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(payload).sort()).toEqual(["aud", "common_name", "exp", "iat", "iss", "jti", "nbf", "service_token_id", "sub", "type"]);
    expect(payload).toMatchObject({ type: "app", aud: [app.aud], iss: issuer, sub: "", common_name: token.client_id, service_token_id: token.id });
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp! - payload.iat!).toBe(24 * 3600);
    expect(typeof payload.jti).toBe("string");
    expect(r.json.result).toEqual({
      app: { id: app.id, aud: app.aud, name: app.domain, domain: app.domain },
      service_token: { id: token.id, client_id: token.client_id, name: token.name },
      expires_at: new Date(payload.exp! * 1000).toISOString(),
    });
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie.startsWith(`CF_Authorization=${jwt}; Path=/; HttpOnly; SameSite=Lax; Max-Age=`)).toBe(true);
    expect(Number(cookie.match(/; Max-Age=(\d+)$/)![1])).toBeGreaterThan(24 * 3600 - 60);
  });

  it("lives for the admitting policy's session duration when it has one, else the application's", async () => {
    const a = await jwtApp("policy-session", { policySession: "1h", appSession: "2h" });
    const b = await jwtApp("app-session", { appSession: "2h" });
    const ja = decodeJwt(await mint(a.app.domain, a.token));
    const jb = decodeJwt(await mint(b.app.domain, b.token));
    expect(ja.exp! - ja.iat!).toBe(3600);
    expect(jb.exp! - jb.iat!).toBe(7200);
  });

  it("is reused while fresh instead of being signed per request", async () => {
    const { token, app } = await jwtApp("reuse");
    // Two answers in a row carry the same JWT (the token's own creation notice may still empty
    // the cache once at the start); were a JWT signed per request, no two would ever match.
    await eventually(async () => expect(await mint(app.domain, token)).toBe(await mint(app.domain, token)), 5000);
  });

  it("a reused answer's cookie counts down: Max-Age is what the JWT has left, in every second", async () => {
    const { token, app } = await jwtApp("cookie-countdown");
    const answers: { jwt: string; maxAge: number; before: number; at: number }[] = [];
    // Over two seconds and more: the answer is kept from a JWT's second use on and rebuilt when the second turns.
    const end = Date.now() + 2300;
    while (Date.now() < end) {
      const before = Math.floor(Date.now() / 1000);
      const r = await validate({ host: app.domain, headers: pairHeaders(token) });
      const at = Math.floor(Date.now() / 1000);
      answers.push({ jwt: r.headers.get("cf-access-jwt-assertion")!, maxAge: Number(r.headers.get("set-cookie")!.match(/; Max-Age=(\d+)$/)![1]), before, at });
      await new Promise((res) => setTimeout(res, 100));
    }
    const last = answers[answers.length - 1];
    const same = answers.filter((a) => a.jwt === last.jwt);
    expect(same.length).toBeGreaterThan(10);
    const exp = decodeJwt(last.jwt).exp!;
    // Max-Age = exp − the second the server answered in, which lies between these two readings.
    for (const a of same) expect(exp - a.maxAge).toBeGreaterThanOrEqual(a.before);
    for (const a of same) expect(exp - a.maxAge).toBeLessThanOrEqual(a.at);
    expect(same[0].maxAge - last.maxAge).toBeGreaterThanOrEqual(2);
  });

  it("admits a follow-up request by cookie or cf-access-token, answering with the same JWT", async () => {
    const { token, app } = await jwtApp("follow-up");
    const jwt = await mint(app.domain, token);
    const byHeader = await withJwt(app.domain, jwt);
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get("cf-access-jwt-assertion")).toBe(jwt);
    const byCookie = await validate({ host: app.domain, headers: { cookie: `CF_Authorization=${jwt}` } });
    expect(byCookie.status).toBe(200);
  });

  it("refuses a tampered signature, alg none, HS256 keyed with the public key, and another app's JWT", async () => {
    const f = fixture();
    const { token, app } = await jwtApp("forged");
    const other = await jwtApp("forged-other");
    const jwt = await mint(app.domain, token);
    const [h, p, s] = jwt.split(".");
    const tampered = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    const longer = b64url(JSON.stringify({ ...payload, exp: payload.exp + 3600 }));
    const none = `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${p}.`;
    const header = decodeProtectedHeader(jwt);
    const certs = (await (await fetch(`${f.url}/cdn-cgi/access/certs`)).json()) as { keys: { kid: string }[] };
    const jwk = certs.keys.find((k) => k.kid === header.kid)!;
    const pem = createPublicKey({ key: jwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
    const hsHeader = b64url(JSON.stringify({ alg: "HS256", kid: header.kid, typ: "JWT" }));
    const hs = `${hsHeader}.${p}.${createHmac("sha256", pem).update(`${hsHeader}.${p}`).digest("base64url")}`;
    for (const forged of [tampered, `${h}.${longer}.${s}`, none, hs, "not.a.jwt", "x".repeat(5000)]) {
      const r = await withJwt(app.domain, forged);
      expect(r.status, forged.slice(0, 40)).toBe(401);
      expect(r.json.errors[0].code).toBe("invalid_credentials");
    }
    // Signed by the same key, but for another application (its aud).
    expect((await withJwt(other.app.domain, jwt)).status).toBe(401);
    expect((await withJwt(app.domain, jwt)).status).toBe(200);
  });

  it("is refused once expired", async () => {
    const { token, app } = await jwtApp("expiry", { appSession: "1s" });
    const jwt = await mint(app.domain, token);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await withJwt(app.domain, jwt)).status).toBe(401);
    // The service token itself still mints a new one.
    expect(await mint(app.domain, token)).not.toBe(jwt);
  });

  it("issued before Revoke existing tokens is refused; the id and secret still mint a new one", async () => {
    const { token, app } = await jwtApp("revoke");
    const jwt = await mint(app.domain, token);
    await new Promise((r) => setTimeout(r, 1100)); // iat has one-second resolution
    await api("POST", `/access/apps/${app.id}/revoke_tokens`);
    await eventually(async () => expect((await withJwt(app.domain, jwt)).status).toBe(401));
    // At once, in the same second as the revocation: the new JWT is dated after it.
    const fresh = await mint(app.domain, token);
    expect(fresh).not.toBe(jwt);
    expect((await withJwt(app.domain, fresh)).status).toBe(200);
  });

  it("is ignored at an application with only Service Auth policies", async () => {
    const token = await createToken("service-auth-only");
    const svc = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: token.id } }] });
    const app = await createApp(uniqueHost("svc-only"), [svc.id]);
    const r = await validate({ host: app.domain, headers: pairHeaders(token) });
    expect(r.status).toBe(200);
    expect(r.headers.get("set-cookie")).toBeNull();
    const jwt = r.headers.get("cf-access-jwt-assertion")!;
    expect((await withJwt(app.domain, jwt)).status).toBe(401);
  });

  it("stops working when its token is disabled, deleted or expired", async () => {
    const { token, app } = await jwtApp("token-state");
    const jwt = await mint(app.domain, token);
    await api("PUT", `/access/service_tokens/${token.id}`, { name: token.name, enabled: false });
    await eventually(async () => expect((await withJwt(app.domain, jwt)).status).toBe(401));
    await api("PUT", `/access/service_tokens/${token.id}`, { name: token.name, enabled: true });
    await eventually(async () => expect((await withJwt(app.domain, jwt)).status).toBe(200));
    await api("DELETE", `/access/service_tokens/${token.id}`);
    await eventually(async () => expect((await withJwt(app.domain, jwt)).status).toBe(401));

    const short = await jwtApp("token-expiry");
    await api("PUT", `/access/service_tokens/${short.token.id}`, { name: "short", duration: "1s" });
    // The edit extends from the current expiry: set it into the past directly.
    await withPg(fixture().databaseUrl, (c) => c.query(`UPDATE service_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [short.token.id]));
    const r = await validate({ host: short.app.domain, headers: pairHeaders(short.token) });
    expect(r.status).toBe(401);
  });
});

describe("/cdn-cgi/access/get-identity", () => {
  it("describes the service token behind a JWT, and refuses without one", async () => {
    const { token, app } = await jwtApp("identity");
    const jwt = await mint(app.domain, token);
    const res = await fetch(`${fixture().url}/cdn-cgi/access/get-identity`, { headers: { cookie: `CF_Authorization=${jwt}` } });
    expect(res.status).toBe(200);
    const claims = decodeJwt(jwt);
    expect(await res.json()).toEqual({
      service_token_id: token.id,
      service_token_status: true,
      common_name: token.client_id,
      aud: [app.aud],
      iat: claims.iat,
      exp: claims.exp,
    });
    expect((await fetch(`${fixture().url}/cdn-cgi/access/get-identity`)).status).toBe(401);
    expect((await fetch(`${fixture().url}/cdn-cgi/access/get-identity`, { headers: { "cf-access-token": "a.b.c" } })).status).toBe(401);
  });
});

describe("signing keys", () => {
  let base: ValidationFixture;

  beforeAll(async () => {
    // An account of its own: rotating and ageing its keys must not touch the other files' JWTs.
    const f = fixture();
    const accountId = await createAccountWithCli(f.dataDir, "Key rotation");
    const token = await createApiTokenWithCli(f.dataDir, { name: "keys", permissions: ALL_PERMISSIONS, account: accountId });
    base = { ...f, accountId, token };
  });

  it("/certs has Cloudflare's shape", async () => {
    const { token, app } = await jwtApp("certs-shape", {}, base);
    await mint(app.domain, token, base);
    const certs = (await (await fetch(`${base.url}/cdn-cgi/access/certs?aud=${app.aud}`)).json()) as any;
    expect(Object.keys(certs).sort()).toEqual(["keys", "public_cert", "public_certs"]);
    expect(certs.keys).toHaveLength(1);
    expect(certs.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    expect(certs.public_cert.kid).toBe(certs.keys[0].kid);
    expect(certs.public_cert.cert).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/);
    expect(certs.public_certs).toEqual([certs.public_cert]);
  });

  it("after a rotation the previous key still verifies, and after its 7 days it does not", async () => {
    const { token, app } = await jwtApp("rotation", {}, base);
    const old = await mint(app.domain, token, base);
    const oldKid = decodeProtectedHeader(old).kid;
    const settings = (await api("POST", "/access/keys/rotate", undefined, base)).result;
    expect(settings.days_until_next_rotation).toBe(42);
    const certsUrl = `${base.url}/cdn-cgi/access/certs?aud=${app.aud}`;
    const certs = await eventually(async () => {
      const c = (await (await fetch(certsUrl)).json()) as any;
      expect(c.keys).toHaveLength(2);
      return c;
    });
    expect(certs.public_cert.kid).not.toBe(oldKid);
    expect(certs.keys.map((k: { kid: string }) => k.kid)).toContain(oldKid);
    const fresh = await eventually(async () => {
      const jwt = await mint(app.domain, token, base);
      expect(decodeProtectedHeader(jwt).kid).not.toBe(oldKid);
      return jwt;
    });
    expect((await withJwt(app.domain, old, base.url)).status).toBe(200);
    expect((await withJwt(app.domain, fresh, base.url)).status).toBe(200);

    await withPg(base.databaseUrl, (c) => c.query(`UPDATE access_signing_keys SET retired_at = now() - interval '7 days 1 second' WHERE kid = $1`, [oldKid]));
    await eventually(async () => expect((await withJwt(app.domain, old, base.url)).status).toBe(401));
    const after = (await (await fetch(certsUrl)).json()) as any;
    expect(after.keys.map((k: { kid: string }) => k.kid)).not.toContain(oldKid);
    expect((await withJwt(app.domain, fresh, base.url)).status).toBe(200);
  });
});
