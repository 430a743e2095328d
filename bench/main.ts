import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createAccount } from "../lib/accounts/service";
import { createAdmin } from "../lib/admins/service";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { createApiTokenWithCli, createThroughput, listCase, listUrl, probeApi, searchCase, type ApiAccount } from "./api";
import { builtAt } from "../lib/runtime/build";
import { DIST_DIR, ensureBuild, type BuildStatus } from "./build";
import { onDatabase, prismaFor } from "./db";
import { request, signIn, throughput } from "./http";
import { benchPageSizes, OVERVIEW_PATH, pageCase, probePage, type SignedInAccount } from "./page";
import { freePort, makeDataDir } from "../tests/harness/processes";
import { benchPort, startBaseline, startGatepost, type RunningServer } from "./processes";
import { benchQueries, explainCases, explainSorts, systemActor } from "./query";
import { renderMarkdown } from "./report";
import { seedTokens, settle, tableState, type SeededAccount } from "./seed";
import { sampleRoundRobin, type Case, type SampleOptions } from "./stats";
import { buildReport, gitState, LARGE, SMALL, type Measured } from "./summary";
import { renderValidation, runValidation, validationSettings, type ValidationResult } from "./validate";
import { renderAlerts, runAlerts } from "./alerts";

// Two Gatepost servers from the same build, side by side, each with its own embedded PostgreSQL:
//   "shared": an account of 1k tokens and an account of 100k tokens in one table;
//   "alone":  an account of 1k tokens and nothing else.
// Every comparison is measured interleaved, request by request, so that load from elsewhere on the
// machine falls on both sides alike: 100k against 1k in the shared table (the account's size),
// and the 1k account shared against alone (the table's size).

const SAMPLES = Number(process.env.BENCH_SAMPLES) || 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) || 5;
const CREATE_SECONDS = 2 * LOAD_SECONDS;
// Time bounds per group keep the whole run near 5 minutes; on a busy machine a group stops early
// with fewer samples (the tables show n).
const QUERY_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 20_000 };
const PAGE_OPTS: SampleOptions = { warmup: 10, samples: SAMPLES, maxMs: 60_000 };
const API_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 30_000 };
const SIZES_OPTS: SampleOptions = { warmup: 3, samples: 20, maxMs: 15_000 };
const PAGE_SIZES = [10, 100];
const RESULTS = path.join("bench", "results", "latest.md");
// BENCH_ONLY=validation / alerts: only that section; BENCH_ONLY=tokens: only the first (pages, queries, API).
const ONLY = (process.env.BENCH_ONLY ?? "").trim().toLowerCase();
if (!["", "all", "validation", "tokens", "alerts"].includes(ONLY)) throw new Error(`BENCH_ONLY must be "validation", "tokens" or "alerts", not "${process.env.BENCH_ONLY}"`);

const started = Date.now();
const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}\n`);

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const r = await fn();
  log(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r;
}

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");

const baselineCase = (baseUrl: string): Case => ({
  name: "baseline",
  run: async () => {
    const res = await request(`${baseUrl}/`);
    if (res.status !== 200) throw new Error(`baseline answered ${res.status}`);
  },
});

/** One server under test with what the bench holds on it. */
interface Side {
  name: "shared" | "alone";
  dataDir: string;
  server?: RunningServer;
  sql?: pg.Client;
  prisma?: PrismaClient;
  url?: string;
}

/**
 * The validation endpoint runs from source (server.ts through the tsx loader); the build only has to exist for
 * server.ts to start. So BENCH_ONLY=validation reuses any earlier build rather than rebuild.
 */
function buildForValidation(): BuildStatus {
  const at = builtAt(DIST_DIR);
  if (!at) return ensureBuild(log);
  return { ok: true, note: `reused ${DIST_DIR} (built ${at.toISOString()}) without checking sources: the validation endpoint runs from source, not from the build`, builtAt: at };
}

/** The validation section; a failure becomes a note in the report of a full run, an error when it runs alone. */
async function validationSection(): Promise<{ markdown: string; result?: ValidationResult }> {
  const settings = validationSettings(LOAD_SECONDS);
  try {
    const result = await timed("validation section", () => runValidation(settings, log));
    return { markdown: renderValidation(result), result };
  } catch (e) {
    if (ONLY === "validation") throw e;
    const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`validation section failed: ${why}`);
    return { markdown: `### Validation: /cdn-cgi/access/validate\n\n⚠ Not measured: the section failed: ${why.split("\n")[0]}\n` };
  }
}

async function validationOnly(): Promise<void> {
  const build = buildForValidation();
  log(build.note);
  if (!build.ok) throw new Error(build.note);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const { markdown } = await validationSection();
  const cpus = os.cpus();
  const header = [
    "## Gatepost benchmark: validation endpoint only (BENCH_ONLY=validation)",
    "",
    `- Run ${new Date().toISOString()} on ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, Node ${process.version}, commit ${gitState()}.`,
    `- Build: ${build.note}.`,
    `- Settings: BENCH_LOAD_SECONDS=${LOAD_SECONDS}${process.env.BENCH_MEMORY_TOKENS ? `, BENCH_MEMORY_TOKENS=${process.env.BENCH_MEMORY_TOKENS}` : ""}${process.env.BENCH_CPU_PROF ? `, BENCH_CPU_PROF=${process.env.BENCH_CPU_PROF}` : ""}. Other work on the machine adds noise: compare within the run.`,
    "",
  ].join("\n");
  const report = `${header}\n${markdown}`;
  writeFileSync(RESULTS, `${report}\n`);
  process.stdout.write(`${report}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}

/** The alerts section; like the validation section, a failure is a note in a full run, an error alone. */
async function alertsSection(): Promise<string> {
  try {
    return renderAlerts(await timed("alerts section", () => runAlerts(log)));
  } catch (e) {
    if (ONLY === "alerts") throw e;
    const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`alerts section failed: ${why}`);
    return `### Alerts: the expiry-alert scan\n\n⚠ Not measured: the section failed: ${why.split("\n")[0]}\n`;
  }
}

async function alertsOnly(): Promise<void> {
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const markdown = await alertsSection();
  const cpus = os.cpus();
  const report = [
    "## Gatepost benchmark: expiry alerts only (BENCH_ONLY=alerts)",
    "",
    `- Run ${new Date().toISOString()} on ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, Node ${process.version}, commit ${gitState()}, load average ${loadavg()}.`,
    "",
    markdown,
  ].join("\n");
  writeFileSync(RESULTS, `${report}\n`);
  process.stdout.write(`${report}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}

export async function main(): Promise<void> {
  if (ONLY === "validation") return validationOnly();
  if (ONLY === "alerts") return alertsOnly();
  const m: Measured = { busy: [os.loadavg()[0]], plans: [], pendingPlans: [], sortPlans: [], pageSizes: [], load: [`before: ${loadavg()}`], loads: [], notes: [] };
  const build = ensureBuild(log);
  log(build.note);
  if (!build.ok) throw new Error(build.note);

  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const password = randomBytes(12).toString("hex");
  const sides: Side[] = [
    { name: "shared", dataDir: makeDataDir("gatepost-bench-") },
    { name: "alone", dataDir: makeDataDir("gatepost-bench-") },
  ];
  let baseline: RunningServer | undefined;
  const stopped: string[] = [];
  const cleanup = async () => {
    if (baseline) stopped.push(await baseline.stop());
    baseline = undefined;
    for (const side of sides) {
      await side.sql?.end().catch(() => undefined);
      await side.prisma?.$disconnect().catch(() => undefined);
      if (side.server) stopped.push(`${side.name}: ${await side.server.stop()}`);
      side.sql = side.prisma = side.server = undefined;
      if (!process.env.BENCH_KEEP_DATA) rmSync(side.dataDir, { recursive: true, force: true });
    }
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let small: SeededAccount | undefined;
  let large: SeededAccount | undefined;
  try {
    const usedPorts: number[] = [];
    for (const side of sides) {
      const port = await benchPort(usedPorts);
      usedPorts.push(port);
      const pgPort = await freePort();
      side.server = await timed(`Gatepost "${side.name}" started (server.ts, embedded PostgreSQL, migrations)`, () =>
        startGatepost({
          dataDir: side.dataDir,
          port,
          pgPort,
          adminEmail: "owner@bench.example",
          adminPassword: password,
          logFile: path.join("bench", "results", `server-${side.name}.log`),
        }),
      );
      side.url = `postgresql://postgres:${readFileSync(path.join(side.dataDir, "pg-password"), "utf8").trim()}@127.0.0.1:${pgPort}/gatepost`;
      side.sql = new pg.Client({ connectionString: side.url });
      await side.sql.connect();
      side.prisma = prismaFor(side.url);
    }
    baseline = await startBaseline(await benchPort(usedPorts));
    const [shared, alone] = sides as Required<Side>[];
    const bare = baseline;

    // Accounts, each with its own Super Administrator, so each is seen as its own admin sees it.
    const newAccount = async (side: Required<Side>, name: string, email: string) => {
      const account = await onDatabase(side.prisma, () => createAccount({ kind: "system", label: "bench" }, { name }));
      await onDatabase(side.prisma, () => createAdmin(systemActor(account.id), { email, password, role: "super_admin" }));
      return account;
    };
    const ids = {
      alone: await newAccount(alone, "Bench 1k", "admin-1k@bench.example"),
      "1k": await newAccount(shared, "Bench 1k", "admin-1k@bench.example"),
      "100k": await newAccount(shared, "Bench 100k", "admin-100k@bench.example"),
    };
    const seeded = await timed(`seeded 1,000 + 1,000 + ${LARGE.toLocaleString("en-US")} tokens (SQL)`, async () => ({
      alone: await seedTokens(alone.sql, ids.alone.id, SMALL),
      "1k": await seedTokens(shared.sql, ids["1k"].id, SMALL),
      "100k": await seedTokens(shared.sql, ids["100k"].id, LARGE),
    }));
    small = seeded["1k"];
    large = seeded["100k"];
    // Evidence for the report: the search before the GIN pending lists are merged; then settle.
    m.pendingPlans = await explainCases(shared.sql, shared.url, large, ["search"]);
    await timed("VACUUM (ANALYZE)", async () => {
      await settle(shared.sql);
      await settle(alone.sql);
    });
    m.tableRows = { shared: (await tableState(shared.sql)).rows, alone: (await tableState(alone.sql)).rows };

    const who: Record<"alone" | "1k" | "100k", SignedInAccount> = {
      alone: { label: "alone", account: seeded.alone, cookie: await signIn(alone.server.baseUrl, "admin-1k@bench.example", password) },
      "1k": { label: "1k", account: seeded["1k"], cookie: await signIn(shared.server.baseUrl, "admin-1k@bench.example", password) },
      "100k": { label: "100k", account: seeded["100k"], cookie: await signIn(shared.server.baseUrl, "admin-100k@bench.example", password) },
    };
    const baseUrlOf = (label: keyof typeof who) => (label === "alone" ? alone.server.baseUrl : shared.server.baseUrl);

    let api: Record<keyof typeof who, ApiAccount> | undefined;
    try {
      const [ta, t1, t100] = await timed("API tokens created with the CLI", () =>
        Promise.all([
          createApiTokenWithCli(alone.dataDir, ids.alone.id),
          createApiTokenWithCli(shared.dataDir, ids["1k"].id),
          createApiTokenWithCli(shared.dataDir, ids["100k"].id),
        ]),
      );
      api = {
        alone: { label: "alone", account: seeded.alone, token: ta },
        "1k": { label: "1k", account: seeded["1k"], token: t1 },
        "100k": { label: "100k", account: seeded["100k"], token: t100 },
      };
    } catch (e) {
      m.notes.push(`API tokens could not be created with the CLI: ${(e as Error).message}`);
    }

    m.pageProbe = await probePage(shared.server.baseUrl, who["1k"]);
    log(m.pageProbe.note);
    const pagePath = m.pageProbe.path;
    let apiOk = false;
    if (api) {
      const probe = await probeApi(shared.server.baseUrl, api["1k"]);
      apiOk = probe.ok;
      m.apiNote = probe.note;
      log(probe.note);
    } else {
      m.apiNote = "no API token: REST API skipped";
    }

    m.query = await timed("data query", () =>
      benchQueries(
        [
          { label: "100k", account: large!, client: shared.prisma },
          { label: "1k", account: small!, client: shared.prisma },
          { label: "alone", account: seeded.alone, client: alone.prisma },
        ],
        QUERY_OPTS,
      ),
    );
    m.plans = await timed("EXPLAIN ANALYZE of the data query (100k account)", () => explainCases(shared.sql, shared.url, large!));
    m.sortPlans = await explainSorts(shared.sql, shared.url, large);

    const labels = ["alone", "1k", "100k"] as const;
    m.page = await timed(`GET ${pagePath} and GET ${OVERVIEW_PATH}`, () =>
      sampleRoundRobin(
        [
          baselineCase(bare.baseUrl),
          ...labels.map((l) => pageCase(baseUrlOf(l), pagePath, who[l])),
          ...labels.map((l) => pageCase(baseUrlOf(l), OVERVIEW_PATH, who[l], `overview/${l}`)),
        ],
        PAGE_OPTS,
      ),
    );
    if (m.pageProbe.rendered) {
      m.pageSizes = await timed("page sizes", () => benchPageSizes(shared.server.baseUrl, who["100k"], PAGE_SIZES, SIZES_OPTS));
    }
    if (apiOk && api) {
      const a = api;
      m.api = await timed("REST API", () =>
        sampleRoundRobin(
          [
            baselineCase(bare.baseUrl),
            ...labels.map((l) => listCase(baseUrlOf(l), a[l])),
            ...labels.map((l) => searchCase(baseUrlOf(l), a[l])),
          ],
          API_OPTS,
        ),
      );
    }

    m.loads.push({ label: "baseline: bare node:http JSON", t: await throughput({ url: `${bare.baseUrl}/`, duration: LOAD_SECONDS }) });
    // Sequential samples leave the server warm for one request at a time, not for ten: the first
    // concurrent run was always the slowest, whichever account it used. This one is discarded.
    await throughput({ url: `${shared.server.baseUrl}${pagePath}`, headers: { cookie: who["1k"].cookie }, duration: 2 });
    for (const l of ["1k", "100k"] as const) {
      m.loads.push({
        label: `GET ${pagePath}, ${l} account`,
        t: await throughput({ url: `${shared.server.baseUrl}${pagePath}`, headers: { cookie: who[l].cookie }, duration: LOAD_SECONDS }),
      });
    }
    if (apiOk && api) {
      m.loads.push({
        label: "API list per_page=50, 100k account",
        t: await throughput({ url: listUrl(shared.server.baseUrl, large), headers: { authorization: `Bearer ${api["100k"].token}` }, duration: LOAD_SECONDS }),
      });
      const before = await tableState(shared.sql);
      const serial = await timed("API creates, 1 connection", () => createThroughput(shared.server.baseUrl, api!["100k"], LOAD_SECONDS, 1));
      const creates = await timed("API creates, 10 connections", () => createThroughput(shared.server.baseUrl, api!["100k"], CREATE_SECONDS, 10));
      const after = await tableState(shared.sql);
      m.loads.push({ label: "API create (POST), 100k account, 1 connection", t: serial });
      m.loads.push({ label: "API create (POST), 100k account", t: creates });
      m.notes.push(
        `Creates: ${serial.ok + creates.ok} answered 2xx within the runs and the table grew by ${after.rows - before.rows} rows ` +
          `(requests still in flight when a run ends are created but not counted); account counters ${after.countersMatch ? "match the real counts" : "DO NOT match the real counts"} afterwards.`,
      );
    } else {
      m.loads.push({ label: "API list per_page=50, 100k account", t: undefined, note: "skipped: route missing" });
      m.loads.push({ label: "API create (POST), 100k account", t: undefined, note: "skipped: route missing" });
    }
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  m.load.push(`after: ${loadavg()}`);
  m.busy.push(os.loadavg()[0]);
  m.notes.push(`Shut-down: ${stopped.join("; ")}.`);
  // After the servers above are gone, so that they take neither memory nor CPU from it.
  const validation = ONLY === "tokens" ? undefined : await validationSection();
  const alerts = ONLY === "tokens" ? undefined : await alertsSection();

  const settings = { samples: SAMPLES, loadSeconds: LOAD_SECONDS, createSeconds: CREATE_SECONDS };
  const markdown =
    renderMarkdown(buildReport(m, settings, build.note, small, large)) + (validation ? `\n${validation.markdown}` : "") + (alerts ? `\n${alerts}` : "");
  writeFileSync(RESULTS, `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}
