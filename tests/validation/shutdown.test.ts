import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { TEST_DIST_DIR } from "../harness/build";
import { logDigest, startGatepost, type GatepostProcess } from "../harness/gatepost";
import { withPg } from "../harness/pg";
import { embeddedDatabaseUrl, isAlive, makeDataDir, postmasterPid } from "../harness/processes";
import { api, pairHeaders, uniqueHost, uniqueIp, validate, type ServiceToken } from "./fixtures";
import type { ValidationFixture } from "./global-setup";
import { apiBaseFor } from "./instances";

// What a supervisor does (systemd, Docker and Kubernetes all send SIGTERM to the process they
// started): `npm start`, signalled while a load generator keeps calling the validation endpoint,
// stops within 10 s, three times in a row on one DATA_DIR, with its embedded PostgreSQL stopped
// (no postgres left, no postmaster.pid) and every admission it answered in the access log. The log
// is written in batches every 500 ms; what is still in memory at SIGTERM must reach the database
// before the server stops PostgreSQL (server.ts stop()). After each stop the same PostgreSQL is
// started again on that DATA_DIR to read what was written.

const ROUNDS = 3;
const ALLOWED = 200;
const REFUSED = 40;
const CONCURRENCY = 16;
const EXIT_WITHIN_MS = 10_000;
/** How long the load runs before the signal. */
const LOAD_BEFORE_SIGNAL_MS = 1_000;

const dataDir = makeDataDir("gatepost-shutdown-");
let server: GatepostProcess | undefined;
let reopened: EmbeddedDatabase | undefined;
let token: ServiceToken;
let domain: string;
let appId: string;

const start = () => startGatepost({ dataDir, distDir: TEST_DIST_DIR, launcher: "npm" });

beforeAll(async () => {
  server = await start();
  const base: ValidationFixture = await apiBaseFor({ ...server, stop: async () => undefined }, embeddedDatabaseUrl(dataDir));
  token = (await api("POST", "/access/service_tokens", { name: "shutdown" }, base)).result;
  const policy = (await api("POST", "/access/policies", { name: "shutdown", decision: "non_identity", include: [{ service_token: { token_id: token.id } }] }, base)).result;
  domain = uniqueHost("shutdown");
  appId = (await api("POST", "/access/apps", { name: domain, domain, type: "self_hosted", policies: [policy.id] }, base)).result.id;
}, 300_000);

afterAll(async () => {
  await reopened?.stop().catch(() => undefined);
  await server?.stop(); // forces the server if it still runs
  await rm(dataDir, { recursive: true, force: true });
});

/** Calls that must each get their answer: admissions from a few IPs, refusals interleaved. */
async function knownCalls(base: string, ips: string[]): Promise<{ expect: number; got: number }[]> {
  type Call = () => Promise<number>;
  const calls: { expect: number; call: Call }[] = [];
  for (let i = 0; i < ALLOWED; i++) {
    calls.push({ expect: 200, call: async () => (await validate({ host: domain, headers: pairHeaders(token), ip: ips[i % ips.length], base })).status });
  }
  for (let i = 0; i < REFUSED; i++) {
    // Each refusal from an IP and client id of its own, so that no rate limit turns one into an
    // aggregated rate_limited row.
    const headers: Record<string, string> =
      i % 2 === 0
        ? {} // missing_credentials
        : { "CF-Access-Client-Id": `${randomBytes(16).toString("hex")}.access`, "CF-Access-Client-Secret": randomBytes(32).toString("hex") }; // unknown_client_id
    calls.push({ expect: 401, call: async () => (await validate({ host: domain, headers, ip: ips[0].replace(/\.\d+$/, `.${(i % 250) + 1}`), base })).status });
  }
  calls.sort(() => Math.random() - 0.5);
  let next = 0;
  const statuses: { expect: number; got: number }[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls.length) {
        const c = calls[next++];
        statuses.push({ expect: c.expect, got: await c.call() });
      }
    }),
  );
  return statuses;
}

/** Admissions in a loop until the server stops answering: how many got a 200. */
function loadUntilStopped(base: string, ip: string): { stop: () => Promise<number> } {
  let running = true;
  let admitted = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (running) {
      try {
        if ((await validate({ host: domain, headers: pairHeaders(token), ip, base })).status === 200) admitted++;
      } catch {
        return; // connection refused or reset: the server is going away
      }
    }
  });
  return {
    /** Call once the server exited: whatever is in flight fails, and the loop ends. */
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return admitted;
    },
  };
}

describe("SIGTERM to npm start under load", () => {
  it(`stops within ${EXIT_WITHIN_MS / 1000} s with nothing orphaned and the access log complete, ${ROUNDS} times in a row`, async () => {
    const times: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) server = await start();
      const s = server!;
      // IPs of this round only, so that its rows can be counted apart.
      const prefix = `198.${19 + round}.${randomBytes(1)[0]}`;
      const ips = Array.from({ length: 5 }, (_, i) => `${prefix}.${i + 1}`);
      const statuses = await knownCalls(s.url, ips);
      expect(statuses.filter((x) => x.got !== x.expect)).toEqual([]);

      const loadIp = `${prefix}.200`;
      const load = loadUntilStopped(s.url, loadIp);
      await new Promise((r) => setTimeout(r, LOAD_BEFORE_SIGNAL_MS));
      const pg = postmasterPid(dataDir);
      const sentAt = Date.now();
      process.kill(s.pid, "SIGTERM"); // npm, which hands it to the server
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), EXIT_WITHIN_MS).unref());
      const exit = await Promise.race([s.exited, timeout]);
      const tookMs = Date.now() - sentAt;
      const admittedUnderLoad = await load.stop();
      times.push(tookMs);

      // On a failure, the server's log says why (DATA_DIR, and the log in it, go at the end).
      expect(exit, `round ${round}; server log:\n${exit === "timeout" || exit.code !== 0 ? logDigest(s.logFile) : ""}`).toEqual({ code: 0, signal: null });
      expect(tookMs).toBeLessThan(EXIT_WITHIN_MS);
      expect(pg, "PostgreSQL was running before the signal").not.toBeNull();
      expect(isAlive(pg!), `PostgreSQL ${pg} outlived the server`).toBe(false);
      expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
      expect(admittedUnderLoad).toBeGreaterThan(0);

      reopened = await startEmbeddedPostgres(dataDir);
      const rows = await withPg(reopened.url, async (c) => {
        const allowed = await c.query<{ ip: string; total: number }>(
          `SELECT ip_address AS ip, sum(count)::int AS total FROM access_logs WHERE allowed AND app_id = $1 AND service_token_id = $2 AND ip_address LIKE $3 GROUP BY ip_address`,
          [appId, token.id, `${prefix}.%`],
        );
        const refused = await c.query<{ reason: string; rows: number; total: number }>(
          `SELECT reason, count(*)::int AS rows, sum(count)::int AS total FROM access_logs WHERE NOT allowed AND app_id = $1 AND ip_address LIKE $2 GROUP BY reason ORDER BY reason`,
          [appId, `${prefix}.%`],
        );
        return { allowed: Object.fromEntries(allowed.rows.map((r) => [r.ip, r.total])), refused: refused.rows };
      });
      await reopened.stop();
      reopened = undefined;
      console.log(`shutdown round ${round}: SIGTERM -> exit in ${tookMs} ms; ${admittedUnderLoad} admitted under load; log ${JSON.stringify(rows)}`);

      const knownAllowed = ips.reduce((n, ip) => n + (rows.allowed[ip] ?? 0), 0);
      expect(knownAllowed).toBe(ALLOWED);
      expect(rows.refused).toEqual([
        { reason: "missing_credentials", rows: REFUSED / 2, total: REFUSED / 2 },
        { reason: "unknown_client_id", rows: REFUSED / 2, total: REFUSED / 2 },
      ]);
      // Every 200 the load generator received is logged; the server may also have admitted (and
      // logged) requests whose answer the closing connection never delivered, at most one each.
      expect(rows.allowed[loadIp]).toBeGreaterThanOrEqual(admittedUnderLoad);
      expect(rows.allowed[loadIp]).toBeLessThanOrEqual(admittedUnderLoad + CONCURRENCY);
    }
    console.log(`shutdown: SIGTERM -> exit, ${ROUNDS} rounds under load: ${times.join(", ")} ms`);
  }, 600_000);
});
