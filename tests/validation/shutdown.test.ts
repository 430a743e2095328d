import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import type { TestServer } from "../harness/gatepost";
import { withPg } from "../harness/pg";
import { embeddedDatabaseUrl } from "../harness/processes";
import { api, pairHeaders, uniqueHost, uniqueIp, validate, type ServiceToken } from "./fixtures";
import type { ValidationFixture } from "./global-setup";
import { apiBaseFor, startServer } from "./instances";

// SIGTERM loses no access-log row: the log is written in batches every 500 ms, and whatever is
// still in memory at SIGTERM must reach the database before the server stops its embedded
// PostgreSQL (server.ts stop()). A server of its own, the way `npm start` runs (embedded
// PostgreSQL in DATA_DIR); after it exited, the same PostgreSQL is started again on that DATA_DIR
// to read what was written.

const ALLOWED = 300;
const REFUSED = 50;
const CONCURRENCY = 16;
const EXIT_WITHIN_MS = 10_000;

let server: TestServer | undefined;
let reopened: EmbeddedDatabase | undefined;
let base: ValidationFixture;
let token: ServiceToken;
let appId: string;
let domain: string;

beforeAll(async () => {
  server = await startServer();
  base = await apiBaseFor(server, embeddedDatabaseUrl(server.dataDir));
  token = (await api("POST", "/access/service_tokens", { name: "shutdown" }, base)).result;
  const policy = (await api("POST", "/access/policies", { name: "shutdown", decision: "non_identity", include: [{ service_token: { token_id: token.id } }] }, base)).result;
  domain = uniqueHost("shutdown");
  appId = (await api("POST", "/access/apps", { name: domain, domain, type: "self_hosted", policies: [policy.id] }, base)).result.id;
}, 300_000);

afterAll(async () => {
  await reopened?.stop().catch(() => undefined);
  await server?.stop(); // kills the server if it still runs; removes DATA_DIR
});

describe("SIGTERM", () => {
  it("writes every pending access-log row and last-seen stamp before exiting with 0", async () => {
    // A few client IPs for the admitted calls (several aggregated rows); each refusal from an IP
    // and client id of its own, so that no rate limit turns one into an aggregated rate_limited row.
    const ips = Array.from({ length: 7 }, () => uniqueIp());
    type Call = () => Promise<number>;
    const calls: { expect: number; call: Call }[] = [];
    for (let i = 0; i < ALLOWED; i++) {
      calls.push({ expect: 200, call: async () => (await validate({ host: domain, headers: pairHeaders(token), ip: ips[i % ips.length], base: server!.url })).status });
    }
    for (let i = 0; i < REFUSED; i++) {
      const headers: Record<string, string> =
        i % 2 === 0
          ? {} // missing_credentials
          : { "CF-Access-Client-Id": `${randomBytes(16).toString("hex")}.access`, "CF-Access-Client-Secret": randomBytes(32).toString("hex") }; // unknown_client_id
      calls.push({ expect: 401, call: async () => (await validate({ host: domain, headers, base: server!.url })).status });
    }
    // Interleave the refusals among the admissions.
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
    // At once: no waiting for the 500 ms flush.
    const sentAt = Date.now();
    process.kill(server!.pid, "SIGTERM");
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), EXIT_WITHIN_MS).unref());
    const exit = await Promise.race([server!.exited, timeout]);
    const tookMs = Date.now() - sentAt;
    console.log(`shutdown: ${ALLOWED} admitted + ${REFUSED} refused answered, SIGTERM -> exit ${JSON.stringify(exit)} in ${tookMs} ms`);

    expect(statuses.filter((s) => s.got !== s.expect)).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(EXIT_WITHIN_MS);

    // The server stopped its PostgreSQL: start it again on the same DATA_DIR to read the log.
    reopened = await startEmbeddedPostgres(server!.dataDir);
    const rows = await withPg(reopened.url, async (c) => {
      const allowed = await c.query<{ rows: number; total: number }>(
        `SELECT count(*)::int AS rows, coalesce(sum(count), 0)::int AS total FROM access_logs WHERE allowed AND app_id = $1 AND service_token_id = $2`,
        [appId, token.id],
      );
      const refused = await c.query<{ reason: string; rows: number; total: number }>(
        `SELECT reason, count(*)::int AS rows, sum(count)::int AS total FROM access_logs WHERE NOT allowed AND app_id = $1 GROUP BY reason ORDER BY reason`,
        [appId],
      );
      const stamp = await c.query<{ last_seen_at: Date | null }>(`SELECT last_seen_at FROM service_tokens WHERE id = $1`, [token.id]);
      return { allowed: allowed.rows[0], refused: refused.rows, lastSeenAt: stamp.rows[0].last_seen_at };
    });
    console.log(`shutdown: access_logs ${JSON.stringify(rows)}`);

    expect(rows.allowed.total).toBe(ALLOWED);
    expect(rows.refused).toEqual([
      { reason: "missing_credentials", rows: REFUSED / 2, total: REFUSED / 2 },
      { reason: "unknown_client_id", rows: REFUSED / 2, total: REFUSED / 2 },
    ]);
    expect(rows.lastSeenAt).toBeInstanceOf(Date);
    expect(Date.now() - rows.lastSeenAt!.getTime()).toBeLessThan(5 * 60_000);
  });
});
