import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/processes";
import { api, createApp, createPolicy, createToken, eventually, fixture, serviceAuthApp, uniqueHost, type ServiceToken } from "./fixtures";
import { curl, readmeNginxBlock, renderServer, startNginx, startUpstream, type CurlResult, type Nginx, type Upstream } from "./nginx";

// A real nginx (auth_request) protecting a small upstream, configured with the nginx block of the
// README ("Protecting an application"), driven with the curl commands of Cloudflare's service
// token documentation, literally, plus `--resolve <host>:<port>:127.0.0.1` in place of DNS and
// TLS. Every refusal is checked at both ends: the status nginx returns and that the upstream never
// saw the request.
//
// Rate limits: nginx sends X-Forwarded-For $remote_addr, so every request of this file counts as
// client 127.0.0.1, and Gatepost allows 100 counted failures per IP per minute (20 per client id).
// Only a wrong or unusable service token counts; this file makes seven such refusals, each
// once (the `eventually` loops that wait for a change to arrive retry with a JWT, whose refusals
// after deletion, disabling or revocation do not count, or wait for a success).

let upstream: Upstream;
let nginx: Nginx;
let port: number;
/** Second and third server blocks, same README config: Gatepost a closed port; Gatepost answering 503. */
let downPort: number;
let outagePort: number;
/** Stands in for Gatepost without its database: 503 + Retry-After, as runtime.ts answers. */
let outage: http.Server;

beforeAll(async () => {
  upstream = await startUpstream();
  const gatepost = new URL(fixture().url).host;
  const block = await readmeNginxBlock();
  [port, downPort, outagePort] = [await freePort(), await freePort(), await freePort()];
  const dead = `127.0.0.1:${await freePort()}`;
  outage = http.createServer((_req, res) => {
    res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end('{"success":false,"errors":[{"code":"unavailable"}]}');
  });
  await new Promise<void>((r) => outage.listen(0, "127.0.0.1", () => r()));
  const app = `127.0.0.1:${upstream.port}`;
  const servers = [
    renderServer(block, { listen: port, gatepost, app }),
    renderServer(block, { listen: downPort, gatepost: dead, app, upstreamName: "gatepost_down" }),
    renderServer(block, { listen: outagePort, gatepost: `127.0.0.1:${(outage.address() as AddressInfo).port}`, app, upstreamName: "gatepost_503" }),
  ].join("\n");
  nginx = await startNginx(servers, { url: `http://app.example.com:${port}/cdn-cgi/access/certs`, resolve: `app.example.com:${port}:127.0.0.1` });
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await upstream?.close();
  await new Promise((r) => (outage ? outage.close(r) : r(undefined)));
});

/** `curl --resolve <host>:<port>:127.0.0.1 [args] http://<host>:<port><path>` */
function get(host: string, args: string[] = [], path = "/", onPort = port): Promise<CurlResult> {
  return curl(["--resolve", `${host}:${onPort}:127.0.0.1`, ...args, `http://${host}:${onPort}${path}`]);
}

const pair = (t: Pick<ServiceToken, "client_id" | "client_secret">) => ["-H", `CF-Access-Client-Id: ${t.client_id}`, "-H", `CF-Access-Client-Secret: ${t.client_secret}`];
const cookieArgs = (jwt: string) => ["-H", `cookie: CF_Authorization=${jwt}`];

let probes = 0;
/** A request that must be admitted: 200 with the upstream's body, and the upstream saw it. */
async function admitted(host: string, args: string[], path = "/") {
  const tag = `p${++probes}`;
  const r = await get(host, args, `${path}${path.includes("?") ? "&" : "?"}probe=${tag}`);
  expect(r.status, r.body).toBe(200);
  expect(r.body).toBe("hello from upstream");
  const seen = upstream.requests.filter((q) => q.url.includes(`probe=${tag}`));
  expect(seen).toHaveLength(1);
  return { response: r, seen: seen[0] };
}

/** A request that must be refused with `status`, the upstream never seeing it. */
async function refused(host: string, args: string[], status: number, onPort = port) {
  const before = upstream.requests.length;
  const tag = `p${++probes}`;
  const r = await get(host, args, `/?probe=${tag}`, onPort);
  expect(r.status, r.body).toBe(status);
  expect(r.body).not.toContain("hello from upstream");
  expect(r.all("set-cookie")).toEqual([]);
  expect(upstream.requests.length).toBe(before);
  expect(upstream.requests.some((q) => q.url.includes(`probe=${tag}`))).toBe(false);
  return r;
}

/** The CF_Authorization value of a response's Set-Cookie, or null. */
function cookieOf(r: CurlResult): string | null {
  const cookies = r.all("set-cookie").filter((c) => c.startsWith("CF_Authorization="));
  expect(cookies.length).toBeLessThanOrEqual(1);
  return cookies[0] ? cookies[0].slice("CF_Authorization=".length).split(";")[0] : null;
}

/** A Service Auth + Allow application (JWTs count) for a new token. */
const jwtApp = (label: string) => serviceAuthApp(label, { allowPolicy: true });

/** curl with the API token, as the Cloudflare docs script the REST API. */
async function restCurl(method: string, path: string, body?: unknown): Promise<any> {
  const f = fixture();
  const args = [`${f.apiBase}/accounts/${f.accountId}${path}`, "--request", method, "--header", `Authorization: Bearer ${f.token}`];
  if (body !== undefined) args.push("--json", JSON.stringify(body));
  const r = await curl(args);
  const json = JSON.parse(r.body);
  expect(json.success, r.body).toBe(true);
  return json.result;
}

describe("nginx auth_request in front of an application (README configuration)", () => {
  it("the header pair gets in; the upstream gets Gatepost's JWT and client id, never the secret or a forged JWT", async () => {
    const { token, app } = await serviceAuthApp("nginx-pair");
    // curl -H "CF-Access-Client-Id: <CLIENT_ID>" -H "CF-Access-Client-Secret: <CLIENT_SECRET>" https://app.example.com
    const { response, seen } = await admitted(app.domain, [...pair(token), "-H", "Cf-Access-Jwt-Assertion: forged.by.client"]);
    // Service Auth only: no cookie for the client.
    expect(cookieOf(response)).toBeNull();
    expect(seen.method).toBe("GET");
    expect(seen.headers.host).toBe(app.domain);
    expect(seen.headers["cf-access-client-id"]).toBe(token.client_id);
    expect(seen.headers["cf-access-client-secret"]).toBeUndefined();
    const jwt = seen.headers["cf-access-jwt-assertion"] as string;
    expect(jwt).not.toContain("forged");
    expect(decodeJwt(jwt)).toMatchObject({ common_name: token.client_id, service_token_id: token.id, aud: [app.aud] });
    // What the application should do with it: verify against the certs served on its own host.
    const certs = await get(app.domain, [], "/cdn-cgi/access/certs");
    expect(certs.status).toBe(200);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(JSON.parse(certs.body) as JSONWebKeySet), { audience: app.aud, algorithms: ["RS256"] });
    expect(payload.common_name).toBe(token.client_id);
  });

  it("a POST with a body reaches the upstream whole (the validation subrequest carries no body)", async () => {
    const { token, app } = await serviceAuthApp("nginx-post");
    const body = JSON.stringify({ hello: "x".repeat(5000) });
    const { seen } = await admitted(app.domain, [...pair(token), "--json", body], "/submit");
    expect(seen.method).toBe("POST");
    expect(seen.body).toBe(body);
  });

  it("the single header: GET the application, PUT it back with read_service_tokens_from_header, then one Authorization header", async () => {
    const { token, app } = await serviceAuthApp("nginx-single");
    const current = await restCurl("GET", `/access/apps/${app.id}`);
    const updated = await restCurl("PUT", `/access/apps/${app.id}`, { ...current, read_service_tokens_from_header: "Authorization" });
    expect(updated.read_service_tokens_from_header).toBe("Authorization");
    expect(updated.policies.map((p: { id: string }) => p.id)).toEqual(current.policies.map((p: { id: string }) => p.id));
    // curl -H "Authorization: {\"cf-access-client-id\": \"<CLIENT_ID>\", \"cf-access-client-secret\": \"<CLIENT_SECRET>\"}" https://app.example.com
    const header = `Authorization: {"cf-access-client-id": "${token.client_id}", "cf-access-client-secret": "${token.client_secret}"}`;
    const { seen } = await eventually(() => admitted(app.domain, ["-H", header]), 1000);
    expect(seen.headers["cf-access-client-id"]).toBe(token.client_id);
    expect(decodeJwt(seen.headers["cf-access-jwt-assertion"] as string).common_name).toBe(token.client_id);
  });

  it("subsequent requests: the first answer sets CF_Authorization; the cookie and cf-access-token then get in alone", async () => {
    const { token, app } = await jwtApp("nginx-cookie");
    const first = await admitted(app.domain, pair(token));
    const setCookie = first.response.header("set-cookie")!;
    expect(setCookie).toMatch(/^CF_Authorization=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const jwt = cookieOf(first.response)!;
    expect(decodeJwt(jwt).common_name).toBe(token.client_id);
    // curl -H "cookie: CF_Authorization=<CF_AUTHORIZATION_COOKIE>" https://app.example.com
    const viaCookie = await admitted(app.domain, cookieArgs(jwt));
    expect(viaCookie.seen.headers["cf-access-jwt-assertion"]).toBe(jwt);
    expect(viaCookie.seen.headers["cf-access-client-id"]).toBe(token.client_id);
    expect(cookieOf(viaCookie.response)).toBeNull();
    // curl -H "cf-access-token: <CF_AUTHORIZATION_COOKIE>" https://app.example.com
    const viaHeader = await admitted(app.domain, ["-H", `cf-access-token: ${jwt}`]);
    expect(viaHeader.seen.headers["cf-access-jwt-assertion"]).toBe(jwt);
    // /cdn-cgi/access/get-identity on the application's host, as on Cloudflare.
    const identity = await get(app.domain, cookieArgs(jwt), "/cdn-cgi/access/get-identity");
    expect(identity.status).toBe(200);
    expect(JSON.parse(identity.body)).toMatchObject({ common_name: token.client_id, service_token_id: token.id });
  });

  describe("refusals: nginx's status, and the upstream never sees the request", () => {
    it("no credentials, a wrong secret, only the id, a repeated CF-Access-Client-Id: 401", async () => {
      const { token, app } = await serviceAuthApp("nginx-bad");
      await refused(app.domain, [], 401);
      await refused(app.domain, pair({ client_id: token.client_id, client_secret: "0".repeat(64) }), 401);
      await refused(app.domain, ["-H", `CF-Access-Client-Id: ${token.client_id}`], 401);
      // nginx passes both copies on to the subrequest; Gatepost refuses a repeated header.
      await refused(app.domain, ["-H", `CF-Access-Client-Id: ${token.client_id}`, ...pair(token)], 401);
      // ...and the pair alone still works (the refusals above did not lock the token out).
      await admitted(app.domain, pair(token));
    });

    it("a JWT cookie on a Service-Auth-only application (no Allow policy): 401", async () => {
      const { token, app } = await serviceAuthApp("nginx-svconly");
      const { seen } = await admitted(app.domain, pair(token));
      const jwt = seen.headers["cf-access-jwt-assertion"] as string;
      await refused(app.domain, cookieArgs(jwt), 401);
      await refused(app.domain, ["-H", `cf-access-token: ${jwt}`], 401);
    });

    it("a client cannot pick the application: its X-Forwarded-Host and ?domain= are not what Gatepost sees", async () => {
      const mine = await serviceAuthApp("nginx-pick-mine");
      const other = await serviceAuthApp("nginx-pick-other");
      // Token of `mine`, sent to `other`'s host while naming `mine` every way a client could: 403.
      const naming = ["-H", `X-Forwarded-Host: ${mine.app.domain}`, "-H", "X-Forwarded-Uri: /"];
      const before = upstream.requests.length;
      const r = await get(other.app.domain, [...pair(mine.token), ...naming], `/?domain=${mine.app.domain}&aud=${mine.app.aud}`);
      expect(r.status).toBe(403);
      expect(upstream.requests.length).toBe(before);
    });

    it("a client cannot pick its IP: Gatepost sees nginx's $remote_addr, not the client's X-Forwarded-For", async () => {
      // Service Auth only from loopback: a spoofed first X-Forwarded-For entry (what
      // $proxy_add_x_forwarded_for would pass on) would turn this 200 into a 403.
      const token = await createToken("nginx-ip token");
      const policy = await createPolicy({
        decision: "non_identity",
        include: [{ service_token: { token_id: token.id } }],
        require: [{ ip: { ip: "127.0.0.0/8" } }],
      });
      const app = await createApp(uniqueHost("nginx-ip"), [policy.id]);
      await admitted(app.domain, [...pair(token), "-H", "X-Forwarded-For: 203.0.113.9"]);
      const other = await createPolicy({
        decision: "non_identity",
        include: [{ service_token: { token_id: token.id } }],
        require: [{ ip: { ip: "203.0.113.9/32" } }],
      });
      const spoofable = await createApp(uniqueHost("nginx-ip-spoof"), [other.id]);
      await refused(spoofable.domain, [...pair(token), "-H", "X-Forwarded-For: 203.0.113.9"], 403);
    });

    it("a host with no application: 403 (no application)", async () => {
      const { token } = await serviceAuthApp("nginx-nohost");
      await refused(uniqueHost("nginx-unknown"), pair(token), 403);
    });

    it("after Revoke existing tokens the old cookie is refused; the pair still gets in and mints a new cookie", async () => {
      const { token, app } = await jwtApp("nginx-revoke");
      const old = cookieOf((await admitted(app.domain, pair(token))).response)!;
      await admitted(app.domain, cookieArgs(old));
      await api("POST", `/access/apps/${app.id}/revoke_tokens`);
      await eventually(() => refused(app.domain, cookieArgs(old), 401), 1000);
      // At once: a JWT minted in the revocation's own second is dated after it (its jti).
      const again = await admitted(app.domain, pair(token));
      const fresh = cookieOf(again.response)!;
      expect(fresh).not.toBe(old);
      await admitted(app.domain, cookieArgs(fresh));
    });

    it("a deleted token: 401, its JWT too", async () => {
      const { token, app } = await jwtApp("nginx-deleted");
      const jwt = cookieOf((await admitted(app.domain, pair(token))).response)!;
      await api("DELETE", `/access/service_tokens/${token.id}`);
      await eventually(() => refused(app.domain, cookieArgs(jwt), 401), 1000);
      await refused(app.domain, pair(token), 401);
    });

    it("a disabled token (PUT enabled: false): 401, its JWT too", async () => {
      const { token, app } = await jwtApp("nginx-disabled");
      const jwt = cookieOf((await admitted(app.domain, pair(token))).response)!;
      await api("PUT", `/access/service_tokens/${token.id}`, { name: token.name, enabled: false });
      await eventually(() => refused(app.domain, cookieArgs(jwt), 401), 1000);
      await refused(app.domain, pair(token), 401);
    });

    it("an expired token (duration 1s, 1.5 s later): 401", async () => {
      const token = await createToken("nginx-expired token", { duration: "1s" });
      const policy = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: token.id } }] });
      const app = await createApp(uniqueHost("nginx-expired"), [policy.id]);
      await new Promise((r) => setTimeout(r, 1500));
      await refused(app.domain, pair(token), 401);
    });

    it("rotation without grace: the old secret 401, the new one 200", async () => {
      const { token, app } = await serviceAuthApp("nginx-rotate");
      await admitted(app.domain, pair(token));
      const rotated = (await api("POST", `/access/service_tokens/${token.id}/rotate`)).result as ServiceToken;
      expect(rotated.client_id).toBe(token.client_id);
      await eventually(() => admitted(app.domain, pair(rotated)), 1000);
      await refused(app.domain, pair(token), 401);
    });

    it("rotation with a grace period of 1 h: the old and the new secret both 200", async () => {
      const { token, app } = await serviceAuthApp("nginx-grace");
      const graceEnd = new Date(Date.now() + 3600_000).toISOString();
      const rotated = (await api("POST", `/access/service_tokens/${token.id}/rotate`, { previous_client_secret_expires_at: graceEnd })).result as ServiceToken;
      await eventually(() => admitted(app.domain, pair(rotated)), 1000);
      await admitted(app.domain, pair(token));
    });
  });

  it("Gatepost's 503 (database unreachable) and Gatepost unreachable: the README's error_page answers 503, not auth_request's 500", async () => {
    const { token, app } = await serviceAuthApp("nginx-down");
    for (const [onPort, status] of [[outagePort, 503], [downPort, 502]]) {
      const r = await refused(app.domain, pair(token), 503, onPort);
      expect(r.header("retry-after")).toBe("1");
      expect(JSON.parse(r.body)).toMatchObject({ success: false, errors: [{ code: "unavailable" }] });
      await eventually(async () => expect(await nginx.errorLog()).toContain(`auth request unexpected status: ${status}`), 2000);
    }
  });
});
