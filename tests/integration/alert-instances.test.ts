import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWebhookDestination } from "../../lib/alerts/destinations";
import { listAlertHistory } from "../../lib/alerts/history";
import { createAlertPolicy } from "../../lib/alerts/policies";
import { AlertScanner } from "../../lib/alerts/scanner";
import type { Actor } from "../../lib/auth/actor";
import { createServiceToken } from "../../lib/service-tokens/service";
import { startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from "../harness/alert-sinks";
import { startScannerProcess, type ScannerProcess } from "../harness/alert-scanner";
import { createScratchDatabase, useDatabase, withPg } from "../helpers/db";
import { newTenant, unique } from "../helpers/fixtures";

// Several scanners on one database, and a scanner killed in the middle of its deliveries: each
// (policy, token, expiry, lead time, target) is still delivered exactly once. The scanners are
// processes of their own (tests/helpers/alert-scanner-process.ts, configured like npm start) and,
// for a quick check of the claim itself, two scanners of this process on two connections.

const PUBLIC_URL = "https://gatepost.example.test";
const TOKENS = 12;

let url: string;
let smtp: SmtpSink;
let http: HttpSink;
const scanners: ScannerProcess[] = [];

beforeAll(async () => {
  url = await createScratchDatabase("alert_instances", { migrate: true });
  await useDatabase(url);
  [smtp, http] = await Promise.all([startSmtpSink(), startHttpSink()]);
});

afterEach(async () => {
  await Promise.all(scanners.splice(0).map((x) => x.stop("SIGKILL")));
});

afterAll(async () => {
  await Promise.all([smtp?.close(), http?.close()]);
});

/** A scanner process scanning every second, stopped after each test. */
function startScanner(): ScannerProcess {
  const scanner = startScannerProcess({ databaseUrl: url, authSecret: process.env.AUTH_SECRET, publicUrl: PUBLIC_URL, smtp: { url: smtp.url, from: "alerts@example.test" } });
  scanners.push(scanner);
  return scanner;
}

// Generous: starting a scanner process (tsx compiling the app) takes seconds on a busy machine.
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 150_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    const ended = scanners.map((x) => x.exitedOnItsOwn()).find(Boolean);
    if (ended) throw new Error(`${ended}, while waiting for ${what}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An account whose policy emails ops@ and posts to its own webhook path, and TOKENS tokens expiring in 100 h. */
async function setUp(opts: { email: boolean }) {
  const { admin } = await newTenant("instances");
  const hookPath = `/hook/${randomBytes(6).toString("hex")}`;
  const destination = await createWebhookDestination(admin, { name: "Ops", url: `${http.url}${hookPath}`, secret: "instances-secret" });
  await createAlertPolicy(admin, {
    alert_type: "expiring_service_token_alert",
    name: unique("Expiry"),
    mechanisms: { ...(opts.email ? { email: [{ id: "ops@example.test" }] } : {}), webhooks: [{ id: destination.id }] },
  });
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push((await createServiceToken(admin, { name: unique("t"), duration: "100h" })).token.id);
  return { admin, hookPath, tokens };
}

/**
 * The database sessions (backend pids) of the scanners running on this file's database: a scanner
 * holds the advisory lock of its owner number (two-key form) on a connection of its own, named
 * "gatepost alert scanner", from its first scan until it stops (lib/alerts/claims.ts).
 */
async function scannerSessions(): Promise<number[]> {
  const { rows } = await withPg(url, (c) =>
    c.query<{ pid: number }>(
      `SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
       WHERE a.datname = current_database() AND a.application_name = 'gatepost alert scanner'
         AND l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
       ORDER BY a.pid`,
    ),
  );
  return rows.map((r) => r.pid);
}

const webhookCount = (tokenId: string) => http.accepted.filter((w) => w.json?.data?.service_token_id === tokenId).length;
const emailCount = (tokenId: string) => smtp.messages.filter((m) => m.text.includes(`/service-tokens/${tokenId}`)).length;
const history = async (actor: Actor) => (await listAlertHistory(actor, { perPage: 1000 })).items;

describe("exactly once across instances", () => {
  it("two scanners of one process, scanning at once, deliver each alert once", async () => {
    const { admin, tokens } = await setUp({ email: true });
    const options = { databaseUrl: url, intervalMs: 60_000, publicUrl: PUBLIC_URL, smtp: { url: smtp.url, from: "alerts@example.test" }, retry: { attempts: 5, baseMs: 20 } };
    const a = new AlertScanner(options);
    const b = new AlertScanner(options);
    try {
      const [ra, rb] = await Promise.all([a.scanNow(), b.scanNow()]);
      expect(ra.claimed + rb.claimed).toBe(2 * TOKENS);
      await Promise.all([a.scanNow(), b.scanNow()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(tokens.map(webhookCount)).toEqual(tokens.map(() => 1));
    expect(tokens.map(emailCount)).toEqual(tokens.map(() => 1));
    expect((await history(admin)).filter((r) => r.status === "sent")).toHaveLength(2 * TOKENS);
  });

  it("two scanner processes on one database deliver each alert once", { timeout: 240_000 }, async () => {
    // Both scanning before there is anything to alert: started beside tokens that exist already,
    // the first process up could claim every alert before the second had scanned at all.
    const [a, b] = [startScanner(), startScanner()];
    await until("both scanners connected, each holding its owner lock", async () => (await scannerSessions()).length === 2);
    const sessions = await scannerSessions();
    const { admin, tokens } = await setUp({ email: true });
    await until("every alert delivered", () => tokens.every((t) => webhookCount(t) >= 1 && emailCount(t) >= 1));
    // More scans of both: nothing more.
    await new Promise((r) => setTimeout(r, 3000));
    // The same two sessions all along: neither scanner stopped or reconnected while the alerts were claimed.
    expect(await scannerSessions()).toEqual(sessions);
    await Promise.all([a.stop(), b.stop()]);

    expect(tokens.map(webhookCount)).toEqual(tokens.map(() => 1));
    expect(tokens.map(emailCount)).toEqual(tokens.map(() => 1));
    const rows = await history(admin);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "sent"));
    expect(rows).toHaveLength(2 * TOKENS);
  });

  it("a scanner killed in the middle of its deliveries: a restarted one finishes them, and sends nothing twice", { timeout: 240_000 }, async () => {
    const { admin, hookPath, tokens } = await setUp({ email: false });
    // The receiver answers three webhooks, then hangs on the rest.
    http.pause(hookPath, { after: 3 });
    const first = startScanner();
    await until("three delivered and the rest in flight", async () => (await history(admin)).filter((r) => r.status === "sent").length === 3 && http.held(hookPath) > 0);
    await first.stop("SIGKILL");
    const pendingAtKill = (await history(admin)).filter((r) => r.status === "pending").length;
    expect(pendingAtKill).toBe(TOKENS - 3);

    http.resume(hookPath);
    const restarted = startScanner();
    await until("every alert delivered", () => tokens.every((t) => webhookCount(t) >= 1));
    await new Promise((r) => setTimeout(r, 2500));
    await restarted.stop();

    expect(tokens.map(webhookCount)).toEqual(tokens.map(() => 1));
    const rows = await history(admin);
    expect(rows).toHaveLength(TOKENS);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "sent"));
    // The ones in flight at the kill were sent to the receiver before, but never answered.
    expect(http.received.filter((w) => w.path === hookPath).length).toBeGreaterThan(TOKENS);
  });
});
