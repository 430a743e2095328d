import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createAccount } from "../lib/accounts/service";
import { createAdmin } from "../lib/admins/service";
import { disconnectDb } from "../lib/db/client";
import { createApiTokenWithCli, createThroughput, listCase, listUrl, probeApi, searchCase, type ApiAccount } from "./api";
import { ensureBuild } from "./build";
import { request, signIn, throughput } from "./http";
import { benchPageSizes, pageCase, probePage, type SignedInAccount } from "./page";
import { freeEphemeralPort, freePort, startBaseline, startGatepost, type RunningServer } from "./processes";
import { benchQueries, explainCases, explainSorts, systemActor } from "./query";
import { renderMarkdown } from "./report";
import { removeTokens, seedTokens, settle, tableState, type SeededAccount } from "./seed";
import { sampleRoundRobin, type Case, type SampleOptions } from "./stats";
import { buildReport, LARGE, SMALL, type Measured, type Phase } from "./summary";

// The whole run, in three phases on one server and one table:
//   A1  the table holds only the 1k account: measure the 1k account;
//   B   the 100k account joins: measure both, interleaved (the account-size comparison);
//   A2  the 100k tokens are deleted again: measure the 1k account once more.
// B against the better of A1 and A2 is the table-size check: load from elsewhere during one of
// the alone-phases cannot make the table look harmless.

const SAMPLES = Number(process.env.BENCH_SAMPLES) || 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) || 5;
const CREATE_SECONDS = 2 * LOAD_SECONDS;
// Time bounds per group keep the whole run near 5 minutes; on a busy machine a group stops early
// with fewer samples (the tables show n).
const QUERY_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 15_000 };
const PAGE_OPTS: SampleOptions = { warmup: 10, samples: SAMPLES, maxMs: 20_000 };
const PAGE_B_OPTS: SampleOptions = { ...PAGE_OPTS, maxMs: 50_000 };
const API_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 20_000 };
const API_B_OPTS: SampleOptions = { ...API_OPTS, maxMs: 30_000 };
const SIZES_OPTS: SampleOptions = { warmup: 3, samples: 20, maxMs: 15_000 };
const PAGE_SIZES = [10, 100];
const RESULTS = path.join("bench", "results", "latest.md");

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

export async function main(): Promise<void> {
  const m: Measured = { busy: [], a1: {}, b: {}, a2: {}, plans: [], pendingPlans: [], sortPlans: [], pageSizes: [], load: [], loads: [], notes: [] };
  m.load.push(`before: ${loadavg()}`);
  m.busy.push(os.loadavg()[0]);
  const build = ensureBuild(log);
  log(build.note);
  if (!build.ok) throw new Error(build.note);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gatepost-bench-"));
  // initdb runs as the unprivileged postgres user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const baselinePort = await freePort([port]);
  const pgPort = await freeEphemeralPort();
  const password = randomBytes(12).toString("hex");
  mkdirSync(path.dirname(RESULTS), { recursive: true });

  let server: RunningServer | undefined;
  let baseline: RunningServer | undefined;
  let db: pg.Client | undefined;
  let stopped = "";
  const cleanup = async () => {
    await db?.end().catch(() => undefined);
    db = undefined;
    await disconnectDb().catch(() => undefined);
    if (baseline) stopped += `${await baseline.stop()}; `;
    if (server) stopped += await server.stop();
    baseline = server = undefined;
    if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let small: SeededAccount | undefined;
  let large: SeededAccount | undefined;
  try {
    const app = await timed("Gatepost started (server.ts, embedded PostgreSQL, migrations)", () =>
      startGatepost({
        dataDir,
        port,
        pgPort,
        adminEmail: "owner@bench.example",
        adminPassword: password,
        logFile: path.join("bench", "results", "server.log"),
      }),
    );
    server = app;
    const url = `postgresql://postgres:${readFileSync(path.join(dataDir, "pg-password"), "utf8").trim()}@127.0.0.1:${pgPort}/gatepost`;
    process.env.DATABASE_URL = url;
    const sql = new pg.Client({ connectionString: url });
    db = sql;
    await sql.connect();
    const bare = await startBaseline(baselinePort);
    baseline = bare;

    // Two accounts, each with its own Super Administrator, so each is seen as its own admin sees it.
    const accounts = { "1k": await createAccount("Bench 1k"), "100k": await createAccount("Bench 100k") };
    for (const [label, a] of Object.entries(accounts)) {
      await createAdmin(systemActor(a.id), { email: `admin-${label}@bench.example`, password, role: "super_admin" });
    }
    const s = await timed(`seeded ${SMALL.toLocaleString("en-US")} tokens (SQL)`, () => seedTokens(sql, accounts["1k"].id, SMALL));
    small = s;
    await settle(sql);
    const who1k: SignedInAccount = { label: "1k", account: s, cookie: await signIn(app.baseUrl, "admin-1k@bench.example", password) };
    const cookie100k = await signIn(app.baseUrl, "admin-100k@bench.example", password);

    let apiTokens: Record<string, string> | undefined;
    try {
      apiTokens = await timed("API tokens created with the CLI", async () => ({
        "1k": await createApiTokenWithCli(dataDir, accounts["1k"].id),
        "100k": await createApiTokenWithCli(dataDir, accounts["100k"].id),
      }));
    } catch (e) {
      m.notes.push(`API tokens could not be created with the CLI: ${(e as Error).message}`);
    }
    const api1k: ApiAccount | undefined = apiTokens && { label: "1k", account: s, token: apiTokens["1k"] };

    m.pageProbe = await probePage(app.baseUrl, who1k);
    log(m.pageProbe.note);
    const pagePath = m.pageProbe.path;
    let apiOk = false;
    if (api1k) {
      const probe = await probeApi(app.baseUrl, api1k);
      apiOk = probe.ok;
      m.apiNote = probe.note;
      log(probe.note);
    } else {
      m.apiNote = "no API token: REST API skipped";
    }

    /** Phases A1 and A2: only the 1k account, with the baseline (or SELECT 1) interleaved. */
    const measureAlone = async (phase: string): Promise<Phase> => {
      const out: Phase = {};
      out.query = await timed(`${phase}: data query`, () => benchQueries([{ label: "1k", account: s }], QUERY_OPTS));
      out.page = await timed(`${phase}: GET ${pagePath}`, () => sampleRoundRobin([baselineCase(bare.baseUrl), pageCase(app.baseUrl, pagePath, who1k)], PAGE_OPTS));
      if (apiOk && api1k) {
        out.api = await timed(`${phase}: REST API`, () =>
          sampleRoundRobin([baselineCase(bare.baseUrl), listCase(app.baseUrl, api1k), searchCase(app.baseUrl, api1k)], API_OPTS),
        );
      }
      return out;
    };

    m.a1 = await measureAlone("A1 (table of 1k)");

    // Phase B: the 100k account joins the same table.
    const l = await timed(`seeded ${LARGE.toLocaleString("en-US")} tokens (SQL)`, () => seedTokens(sql, accounts["100k"].id, LARGE));
    large = l;
    // Evidence for the report: the search before the GIN pending lists are merged; then settle.
    m.pendingPlans = await explainCases(sql, url, l, ["search"]);
    await timed("VACUUM (ANALYZE)", () => settle(sql));
    m.tableRows = (await tableState(sql)).rows;
    const who100k: SignedInAccount = { label: "100k", account: l, cookie: cookie100k };
    const api100k: ApiAccount | undefined = apiTokens && { label: "100k", account: l, token: apiTokens["100k"] };

    m.b.query = await timed("B (table of 101k): data query", () =>
      benchQueries(
        [
          { label: "1k", account: s },
          { label: "100k", account: l },
        ],
        QUERY_OPTS,
      ),
    );
    m.plans = await timed("EXPLAIN ANALYZE of the data query (100k account)", () => explainCases(sql, url, l));
    m.sortPlans = await explainSorts(sql, url, l);
    m.b.page = await timed(`B (table of 101k): GET ${pagePath}`, () =>
      sampleRoundRobin([baselineCase(bare.baseUrl), pageCase(app.baseUrl, pagePath, who1k), pageCase(app.baseUrl, pagePath, who100k)], PAGE_B_OPTS),
    );
    if (m.pageProbe.rendered) {
      m.pageSizes = await timed("page sizes", () => benchPageSizes(app.baseUrl, who100k, PAGE_SIZES, SIZES_OPTS));
    }
    m.loads.push({ label: "baseline: bare node:http JSON", t: await throughput({ url: `${bare.baseUrl}/`, duration: LOAD_SECONDS }) });
    for (const who of [who1k, who100k]) {
      m.loads.push({
        label: `GET ${pagePath}, ${who.label} account`,
        t: await throughput({ url: `${app.baseUrl}${pagePath}`, headers: { cookie: who.cookie }, duration: LOAD_SECONDS }),
      });
    }
    if (apiOk && api1k && api100k) {
      m.b.api = await timed("B (table of 101k): REST API", () =>
        sampleRoundRobin(
          [baselineCase(bare.baseUrl), listCase(app.baseUrl, api1k), listCase(app.baseUrl, api100k), searchCase(app.baseUrl, api1k), searchCase(app.baseUrl, api100k)],
          API_B_OPTS,
        ),
      );
      m.loads.push({
        label: "API list per_page=50, 100k account",
        t: await throughput({ url: listUrl(app.baseUrl, l), headers: { authorization: `Bearer ${api100k.token}` }, duration: LOAD_SECONDS }),
      });
      const before = await tableState(sql);
      const serial = await timed("API creates, 1 connection", () => createThroughput(app.baseUrl, api100k, LOAD_SECONDS, 1));
      const creates = await timed("API creates, 10 connections", () => createThroughput(app.baseUrl, api100k, CREATE_SECONDS, 10));
      const after = await tableState(sql);
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

    // Phase A2: the 100k tokens go again; the 1k account once more.
    await timed("deleted the 100k account's tokens, VACUUM", () => removeTokens(sql, accounts["100k"].id));
    m.a2 = await measureAlone("A2 (table of 1k again)");
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  m.load.push(`after: ${loadavg()}`);
  m.busy.push(os.loadavg()[0]);
  m.notes.push(`Shut-down: ${stopped}.`);

  const settings = { samples: SAMPLES, loadSeconds: LOAD_SECONDS, createSeconds: CREATE_SECONDS };
  const markdown = renderMarkdown(buildReport(m, settings, build.note, small, large));
  writeFileSync(RESULTS, `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}

