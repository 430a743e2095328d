import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { api, pairHeaders, uniqueHost, validate, type ServiceToken } from "./fixtures";
import type { ValidationFixture } from "./global-setup";
import { apiBaseFor, startServer } from "./instances";

// The operator's endpoints of a running server: /healthz, /readyz and /metrics answer without
// authentication (metrics: to loopback clients), without Next and without a log line each; the
// metrics count what the validation endpoint decided, how long it took, and the API's requests by
// route pattern. (/readyz while the database is down: outage.test.ts.)

let server: TestServer | undefined;
let base: ValidationFixture;
let token: ServiceToken;
let domain: string;

beforeAll(async () => {
  server = await startServer({ logLevel: "info" });
  base = await apiBaseFor(server, embeddedDatabaseUrl(server.dataDir));
  token = (await api("POST", "/access/service_tokens", { name: "operations" }, base)).result;
  const policy = (await api("POST", "/access/policies", { name: "operations", decision: "non_identity", include: [{ service_token: { token_id: token.id } }] }, base)).result;
  domain = uniqueHost("operations");
  await api("POST", "/access/apps", { name: domain, domain, type: "self_hosted", policies: [policy.id] }, base);
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${server!.url}${path}`, { method, headers });

/** The value of one sample line of the exposition, or undefined. */
function sample(text: string, line: RegExp): number | undefined {
  const m = text.split("\n").find((l) => line.test(l));
  return m === undefined ? undefined : Number(m.slice(m.lastIndexOf(" ") + 1));
}

describe("probes", () => {
  it("/healthz: the process answers", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz: database reachable, migrations applied, signing keys loaded", async () => {
    const res = await get("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", signing_keys: "ok" } });
  });

  it("HEAD is answered without a body; other methods are a 405", async () => {
    const head = await get("/readyz", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await get("/healthz", {}, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("metrics", () => {
  it("count validations by outcome and reason, their latency, and API requests by route", async () => {
    const before = await (await get("/metrics")).text();
    const allowedBefore = sample(before, /^gatepost_validations_total\{outcome="allowed",reason="ok"\}/) ?? 0;
    const missingBefore = sample(before, /^gatepost_validations_total\{outcome="refused",reason="missing_credentials"\}/) ?? 0;
    const latencyBefore = sample(before, /^gatepost_validation_duration_seconds_count/) ?? 0;

    for (let i = 0; i < 3; i++) expect((await validate({ host: domain, headers: pairHeaders(token), base: server!.url })).status).toBe(200);
    expect((await validate({ host: domain, base: server!.url })).status).toBe(401);
    await api("GET", "/access/service_tokens", undefined, base);

    const res = await get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, /^gatepost_validations_total\{outcome="allowed",reason="ok"\}/)).toBe(allowedBefore + 3);
    expect(sample(text, /^gatepost_validations_total\{outcome="refused",reason="missing_credentials"\}/)).toBe(missingBefore + 1);
    expect(sample(text, /^gatepost_validation_duration_seconds_count/)).toBe(latencyBefore + 4);
    expect(sample(text, /^gatepost_api_requests_total\{method="GET",route="\/accounts\/:account_id\/access\/service_tokens",status="200"\}/)).toBeGreaterThanOrEqual(1);
    // The pool of the server process (the validation endpoint's reads) and Node's own metrics.
    expect(sample(text, /^gatepost_db_pool_connections\{state="total"\}/)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE gatepost_alert_deliveries_total counter$/m);
    expect(text).toMatch(/^gatepost_process_resident_memory_bytes /m);
  });

  it("the route header the worker sets for the counter does not reach the client", async () => {
    const res = await fetch(`${base.apiBase}/accounts/${base.accountId}/access/service_tokens`, { headers: { authorization: `Bearer ${base.token}` } });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith("x-gatepost"))).toEqual([]);
  });

  it("are refused to a client that is not on loopback (as X-Forwarded-For from a trusted proxy names it)", async () => {
    const res = await get("/metrics", { "x-forwarded-for": "203.0.113.9" });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/loopback clients only .*METRICS_TOKEN/);
  });
});

describe("the log", () => {
  it("has no line for probes and metrics scrapes", async () => {
    for (const path of ["/healthz", "/readyz", "/metrics"]) await (await get(path)).arrayBuffer();
    const log = await readFile(server!.logFile, "utf8");
    expect(log).toMatch(/Gatepost is ready/); // the log is there, at "info"
    expect(log).not.toMatch(/healthz|readyz|\/metrics/);
  });
});
