import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createAlertPolicy } from "../lib/alerts/policies";
import { AlertScanner, type ScanSummary } from "../lib/alerts/scanner";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { onDatabase, prismaFor } from "./db";
import { planCost, systemActor } from "./query";
import { ms, summarize, type Summary } from "./stats";

// The "Alerts" section of `npm run bench`: the expiry-alert scan (lib/alerts/scan.ts, run by an
// AlertScanner as `npm start` runs it, in this process) over one account of 10,000 tokens and one
// of 1,000,000, 1,000 of which expire within 7 days in both. One fresh embedded PostgreSQL in a
// temporary folder with two databases (migrations applied, as npm start leaves them), so that the
// two sizes are sampled interleaved, scan by scan, and the machine's noise falls on both alike.
// Tokens by INSERT ... SELECT generate_series, 100,000 a statement, with the table's indexes
// dropped meanwhile and built again after (what a bulk load does; the table ends as the app has it).
// The policy emails one address and SMTP is not configured, so a scan's work is all in the
// database: find the due tokens, build the alerts, claim them (1,000 not_sent rows); no network.
//   first scan:  the 1,000 alerts are due and unclaimed (alert_deliveries emptied before each);
//   steady scan: every alert is claimed already (what each ALERT_SCAN_INTERVAL costs after that).
// Plus EXPLAIN (ANALYZE, BUFFERS) of the due-alerts query at each size.

const DUE = 1_000;
// BENCH_ALERT_TOKENS: a smaller large side, for quick trial runs only.
const SIZES = [10_000, Number(process.env.BENCH_ALERT_TOKENS) || 1_000_000];
const SEED_BATCH = 100_000;
const FIRST_SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES) || 15;
const STEADY_SAMPLES = 3 * FIRST_SAMPLES;
const TARGET_MS = 1000;
const TARGET_RATIO = 2;

/**
 * Tokens `from`..`to` of the account. Rows 1..DUE expire within 7 days (1 h to 167 h from now);
 * the others never (10%), already have (10%) or in 31 days to ~3 years: outside every lead time.
 */
const SEED_SQL = `
INSERT INTO service_tokens (id, account_id, name, client_id, secret_hash, duration, expires_at, enabled, created_at, updated_at)
SELECT gen_random_uuid(), $1::text, 'bench-' || lpad(i::text, 7, '0'), md5($1::text || ':' || i) || '.access', repeat('0', 64), '8760h',
  CASE
    WHEN i <= $4::int THEN now() + interval '1 hour' + (i::float8 / $4::int) * interval '166 hours'
    WHEN i % 10 = 0 THEN NULL
    WHEN i % 10 = 1 THEN now() - (1 + i % 300) * interval '1 day'
    ELSE now() + interval '31 days' + (i % 1000) * interval '1 day'
  END,
  true, now(), now()
FROM generate_series($2::int, $3::int) AS i`;

async function seed(sql: pg.Client, accountId: string, count: number): Promise<void> {
  // Nothing listens yet: one NOTIFY per row would only fill the queue. The indexes (the trigram
  // ones above all) cost far more row by row than built once at the end.
  const { rows: indexes } = await sql.query<{ indexname: string; indexdef: string }>(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'service_tokens' AND indexname <> 'service_tokens_pkey'",
  );
  await sql.query("ALTER TABLE service_tokens DISABLE TRIGGER service_tokens_notify");
  for (const i of indexes) await sql.query(`DROP INDEX "${i.indexname}"`);
  try {
    for (let start = 1; start <= count; start += SEED_BATCH) {
      await sql.query(SEED_SQL, [accountId, start, Math.min(count, start + SEED_BATCH - 1), DUE]);
    }
  } finally {
    for (const i of indexes) await sql.query(i.indexdef);
    await sql.query("ALTER TABLE service_tokens ENABLE TRIGGER service_tokens_notify");
  }
  await sql.query("UPDATE accounts SET service_token_count = $2 WHERE id = $1", [accountId, count]);
  await sql.query("VACUUM (ANALYZE) service_tokens");
}

export interface AlertSize {
  tokens: number;
  due: number;
  first: Summary;
  steady: Summary;
  /** Mean CPU ms per scan, this process and PostgreSQL. */
  firstCpu: number;
  steadyCpu: number;
  plan: string;
  planMs: number;
  planBuffers: number;
  indexScan: boolean;
}

export interface AlertsResult {
  sizes: AlertSize[];
  /** Per size: database, migrations, seeding and index builds. */
  seedSeconds: number[];
  /** 1-minute load average at the end. */
  load: number;
}

/** The SQL of the due-alerts query, captured through Prisma's query log during one scan. */
async function explainDueQuery(url: string, sql: pg.Client, scan: () => Promise<ScanSummary>): Promise<string> {
  const logging = prismaFor(url, { logQueries: true });
  let captured: { query: string; params: unknown[] } | undefined;
  logging.$on("query" as never, (e: { query: string; params: string }) => {
    if (!captured && e.query.includes("FROM alert_policies")) captured = { query: e.query, params: JSON.parse(e.params) as unknown[] };
  });
  try {
    await onDatabase(logging, scan);
  } finally {
    await logging.$disconnect();
  }
  if (!captured) throw new Error("the scan sent no due-alerts query");
  const res = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${captured.query}`, captured.params);
  return res.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** USER_HZ, the unit of /proc/<pid>/stat times. */
const CLK_TCK = 100;

/** CPU ticks (user + system) of the embedded PostgreSQL's processes (Linux /proc), by pid. */
function postgresTicks(dir: string): Map<number, number> {
  const out = new Map<number, number>();
  try {
    const postmaster = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    for (const pid of [postmaster, ...children]) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, Number(rest[11]) + Number(rest[12]));
    }
  } catch {
    // not Linux, or a process gone meanwhile: counted as far as it was read
  }
  return out;
}

/**
 * CPU time of this process and of PostgreSQL between two readings, in ms: steadier than wall time on
 * a shared machine, whose other work it leaves out.
 */
function cpuMeter(dir: string) {
  const read = () => ({ node: process.cpuUsage(), pg: postgresTicks(dir) });
  return {
    read,
    since(before: ReturnType<typeof read>): number {
      const after = read();
      const node = (after.node.user - before.node.user + after.node.system - before.node.system) / 1000;
      let ticks = 0;
      for (const [pid, t] of after.pg) if (before.pg.has(pid)) ticks += t - before.pg.get(pid)!;
      return node + (ticks * 1000) / CLK_TCK;
    },
  };
}

/** One database of the run: its account, clients and scanner. */
interface Side {
  tokens: number;
  url: string;
  sql: pg.Client;
  prisma: PrismaClient;
  scanner: AlertScanner;
}

async function openSide(admin: pg.Client, baseUrl: string, tokens: number, log: (m: string) => void): Promise<Side> {
  const name = `alerts_${tokens}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await applyMigrations(url);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const prisma = prismaFor(url);
  const accountId = randomBytes(16).toString("hex");
  await sql.query("INSERT INTO accounts (id, name) VALUES ($1, 'Bench alerts')", [accountId]);
  await onDatabase(prisma, () =>
    createAlertPolicy(systemActor(accountId), { alert_type: "expiring_service_token_alert", name: "Expiring tokens", mechanisms: { email: [{ id: "ops@bench.example" }] } }),
  );
  const t = performance.now();
  await seed(sql, accountId, tokens);
  log(`alerts: seeded ${tokens.toLocaleString("en-US")} tokens in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const scanner = new AlertScanner({ databaseUrl: url, intervalMs: 60_000, publicUrl: "https://gatepost.bench.example", smtp: null });
  return { tokens, url, sql, prisma, scanner };
}

async function scanOf(side: Side, expectClaimed: number): Promise<number> {
  const t = performance.now();
  const r = await onDatabase(side.prisma, () => side.scanner.scanNow());
  const elapsed = performance.now() - t;
  if (r.claimed !== expectClaimed) throw new Error(`a scan at ${side.tokens} tokens claimed ${r.claimed} alerts, expected ${expectClaimed}`);
  return elapsed;
}

interface Samples {
  ms: number[];
  /** CPU ms of each sample (this process and PostgreSQL). */
  cpu: number[];
}

/** First scans, then steady ones, each sample taken at every size in turn. */
async function sample(sides: Side[], meter: ReturnType<typeof cpuMeter>): Promise<{ first: Samples[]; steady: Samples[] }> {
  const empty = (s: Side) => s.sql.query("TRUNCATE alert_deliveries");
  const first = sides.map((): Samples => ({ ms: [], cpu: [] }));
  const steady = sides.map((): Samples => ({ ms: [], cpu: [] }));
  const timed = async (into: Samples, side: Side, claims: number) => {
    const before = meter.read();
    into.ms.push(await scanOf(side, claims));
    into.cpu.push(meter.since(before));
  };
  for (const s of sides) {
    await empty(s);
    await scanOf(s, DUE);
    await scanOf(s, 0);
  }
  for (let i = 0; i < FIRST_SAMPLES; i++) {
    for (const [k, s] of sides.entries()) {
      await empty(s);
      await timed(first[k], s, DUE);
    }
  }
  for (let i = 0; i < STEADY_SAMPLES; i++) {
    for (const [k, s] of sides.entries()) await timed(steady[k], s, 0);
  }
  return { first, steady };
}

export async function runAlerts(log: (m: string) => void): Promise<AlertsResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatepost-bench-alerts-"));
  chmodSync(dir, 0o755);
  let db: EmbeddedDatabase | undefined;
  let admin: pg.Client | undefined;
  const sides: Side[] = [];
  try {
    db = await startEmbeddedPostgres(dir);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const seedSeconds: number[] = [];
    for (const tokens of SIZES) {
      const t = performance.now();
      sides.push(await openSide(admin, db.url, tokens, log));
      seedSeconds.push((performance.now() - t) / 1000);
    }
    const { first, steady } = await sample(sides, cpuMeter(dir));
    const sizes: AlertSize[] = [];
    for (const [k, s] of sides.entries()) {
      await s.sql.query("TRUNCATE alert_deliveries");
      const plan = await explainDueQuery(s.url, s.sql, () => s.scanner.scanNow());
      const cost = planCost(plan);
      sizes.push({
        tokens: s.tokens,
        due: DUE,
        first: summarize(first[k].ms),
        steady: summarize(steady[k].ms),
        firstCpu: summarize(first[k].cpu).mean,
        steadyCpu: summarize(steady[k].cpu).mean,
        plan,
        planMs: cost.executionMs,
        planBuffers: cost.buffers,
        indexScan: /Index (Only )?Scan using service_tokens_account_id_expires_at_id_idx/.test(plan) && !/Seq Scan on service_tokens/.test(plan),
      });
      log(`alerts: ${s.tokens.toLocaleString("en-US")} tokens: first scan p50 ${ms(sizes[k].first.p50)} ms, steady p50 ${ms(sizes[k].steady.p50)} ms`);
    }
    return { sizes, seedSeconds, load: os.loadavg()[0] };
  } finally {
    for (const s of sides) {
      await s.scanner.stop().catch(() => undefined);
      await s.prisma.$disconnect().catch(() => undefined);
      await s.sql.end().catch(() => undefined);
    }
    await admin?.end().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    if (!process.env.BENCH_KEEP_DATA) rmSync(dir, { recursive: true, force: true });
  }
}

const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

export function renderAlerts(r: AlertsResult): string {
  const [small, large] = r.sizes;
  const lines = [
    "### Alerts: the expiry-alert scan",
    "",
    `- One account; ${DUE.toLocaleString("en-US")} of its tokens expire within 7 days at both sizes, the rest outside every lead time. One policy (7 days, one email address, SMTP not configured: no network).`,
    `- first scan: the ${DUE.toLocaleString("en-US")} alerts are due and unclaimed (alert_deliveries emptied before each sample), so the scan finds, builds and claims them all; steady scan: all claimed already, the cost of every later interval. ${FIRST_SAMPLES} and ${STEADY_SAMPLES} samples per size after a warm-up.`,
    `- Two databases in one embedded PostgreSQL, sampled in turn. Set-up (migrations, generate_series seeding, index builds): ${r.seedSeconds.map((s, i) => `${SIZES[i].toLocaleString("en-US")} tokens ${s.toFixed(0)} s`).join(", ")}. Load average at the end: ${r.load.toFixed(1)}.`,
    "",
    `| Case | ${small.tokens.toLocaleString("en-US")} tokens p50 / p95 ms | ${large.tokens.toLocaleString("en-US")} tokens p50 / p95 ms | ratio (p50) | CPU ms per scan (${small.tokens.toLocaleString("en-US")} / ${large.tokens.toLocaleString("en-US")}) | Target | Result |`,
    "|---|---:|---:|---:|---:|---|---|",
  ];
  for (const key of ["first", "steady"] as const) {
    const a = small[key];
    const b = large[key];
    const ratio = b.p50 / a.p50;
    const label = key === "first" ? `first scan (claims ${DUE.toLocaleString("en-US")})` : "steady scan (nothing new)";
    const cpu = key === "first" ? [small.firstCpu, large.firstCpu] : [small.steadyCpu, large.steadyCpu];
    lines.push(
      `| ${label} | ${ms(a.p50)} / ${ms(a.p95)} | ${ms(b.p50)} / ${ms(b.p95)} | ${ratio.toFixed(2)} | ${cpu.map(ms).join(" / ")} | p50 ≤ ${TARGET_MS} ms at 1M, ratio ≤ ${TARGET_RATIO} | ${verdict(b.p50 <= TARGET_MS && ratio <= TARGET_RATIO)} |`,
    );
  }
  lines.push(
    "",
    `Due-alerts query with every alert claimed (EXPLAIN ANALYZE of the steady scan's query): ${r.sizes.map((s) => `${s.tokens.toLocaleString("en-US")} tokens ${s.planMs.toFixed(1)} ms, ${s.planBuffers.toLocaleString("en-US")} buffers, ${s.indexScan ? "index range scan of service_tokens_account_id_expires_at_id_idx" : "**not an index range scan**"}`).join("; ")}.`,
    "",
    `<details><summary>Plan at ${large.tokens.toLocaleString("en-US")} tokens</summary>`,
    "",
    "```",
    large.plan,
    "```",
    "</details>",
    "",
  );
  return lines.join("\n");
}
