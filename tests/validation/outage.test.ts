import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../harness/gatepost";
import { api, eventually, pairHeaders, uniqueHost, validate, type ServiceToken } from "./fixtures";
import type { ValidationFixture } from "./global-setup";
import { apiBaseFor, sleep, startOwnPostgres, startServer, type OwnPostgres } from "./instances";

// Fail closed: one instance on a PostgreSQL this file controls. With the cache warm, PostgreSQL is
// stopped: within one second validation answers 503 "unavailable" (never again 200 while the
// database is away, although the token is cached), and once PostgreSQL is back (same data
// directory and port) validation admits again without a restart of the server. GET /readyz answers
// 503 while it is away and 200 once it is back.

const DOWN_WITHIN_MS = 1000;
// Long enough for well over 50 answers while down even on a busy machine (~80 ms an answer measured).
const KEEP_POLLING_MS = 6000;
const BACK_WITHIN_MS = 15_000;

let db: OwnPostgres | undefined;
let server: TestServer | undefined;
let base: ValidationFixture;
let token: ServiceToken;
let domain: string;

beforeAll(async () => {
  db = await startOwnPostgres();
  // "info": the change feed's reconnection is logged at that level.
  server = await startServer({ logLevel: "info", env: { DATABASE_URL: db.url } });
  base = await apiBaseFor(server, db.url);
  token = (await api("POST", "/access/service_tokens", { name: "outage" }, base)).result;
  const policy = (await api("POST", "/access/policies", { name: "outage", decision: "non_identity", include: [{ service_token: { token_id: token.id } }] }, base)).result;
  domain = uniqueHost("outage");
  await api("POST", "/access/apps", { name: domain, domain, type: "self_hosted", policies: [policy.id] }, base);
}, 300_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await db?.destroy();
});

async function readiness(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const res = await fetch(`${server!.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

interface Sample {
  /** ms since the poller started, when the answer arrived */
  at: number;
  status: number;
  code: string | null;
  retryAfter: string | null;
}

describe("validation while PostgreSQL is down", () => {
  it("fails closed with 503 within a second, never admits while down, and recovers on its own", async () => {
    const probe = () => validate({ host: domain, headers: pairHeaders(token), base: server!.url });
    // Warm: the token and the application are cached.
    for (let i = 0; i < 3; i++) expect((await probe()).status).toBe(200);

    const t0 = performance.now();
    const samples: Sample[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        let s: Sample;
        try {
          const v = await probe();
          s = { at: performance.now() - t0, status: v.status, code: v.json?.errors?.[0]?.code ?? null, retryAfter: v.headers.get("retry-after") };
        } catch (e) {
          // No answer at all (the server died or dropped the connection): recorded as status 0.
          s = { at: performance.now() - t0, status: 0, code: String(e), retryAfter: null };
        }
        samples.push(s);
        await sleep(10);
      }
    })();

    try {
      await sleep(100);
      const stopCalled = performance.now() - t0;
      await db!.stop();
      const stopped = performance.now() - t0;
      // Readiness says so too: an orchestrator takes the instance out of rotation.
      const readyWhileDown = await readiness();
      await sleep(KEEP_POLLING_MS);
      const startCalled = performance.now() - t0;
      await db!.start();
      const started = performance.now() - t0;
      // Until validation admits again (or gives up).
      const end = performance.now() + BACK_WITHIN_MS;
      while (performance.now() < end && !samples.some((s) => s.at > started && s.status === 200)) await sleep(20);
      polling = false;
      await poller;

      const firstRefusal = samples.find((s) => s.at > stopCalled && s.status !== 200);
      expect(firstRefusal, "an answer other than 200 after PostgreSQL was stopped").toBeDefined();
      const down = samples.filter((s) => s.at >= firstRefusal!.at && s.at <= startCalled);
      const recovered = samples.find((s) => s.at > started && s.status === 200);
      const timings = {
        stopTookMs: Math.round(stopped - stopCalled),
        firstNon200AfterStopCalledMs: Math.round(firstRefusal!.at - stopCalled),
        firstNon200AfterStoppedMs: Math.round(firstRefusal!.at - stopped),
        answersWhileDown: down.length,
        startTookMs: Math.round(started - startCalled),
        back200AfterStartedMs: recovered ? Math.round(recovered.at - started) : null,
      };
      console.log(`outage timings: ${JSON.stringify(timings)}`);

      // Within one second of PostgreSQL going away (its shutdown returned), no more 200s...
      expect(firstRefusal!.at - stopped).toBeLessThan(DOWN_WITHIN_MS);
      // ... and from the first refusal until PostgreSQL is started again: never a 200, only 503s
      // with the code "unavailable" (not a 401/403 telling the client its credentials are wrong).
      expect(down.length).toBeGreaterThan(50);
      const unexpected = down.filter((s) => s.status !== 503 || s.code !== "unavailable");
      expect(unexpected.slice(0, 5)).toEqual([]);
      expect(down.every((s) => s.retryAfter === "1")).toBe(true);
      // Back without restarting the server.
      expect(recovered, "a 200 within 15 s of PostgreSQL being back").toBeDefined();
      expect((await probe()).status).toBe(200);

      expect(readyWhileDown.status).toBe(503);
      expect(readyWhileDown.body.status).toBe("not_ready");
      expect(readyWhileDown.body.checks.database).toMatch(/^unreachable: /);
      await eventually(async () => expect((await readiness()).status).toBe(200), BACK_WITHIN_MS);
      expect((await readiness()).body).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", signing_keys: "ok" } });

      const log = await readFile(server!.logFile, "utf8");
      expect(log).toMatch(/validation failed closed \(503\)/);
      // The change feed listens again, so the caches are back in use (not only database reads).
      await eventually(async () => expect(await readFile(server!.logFile, "utf8")).toMatch(/change feed reconnected/), BACK_WITHIN_MS);
    } finally {
      polling = false;
      await poller;
    }
  });
});
