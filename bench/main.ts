import { execFileSync } from "node:child_process";
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
import { request, signIn, throughput, type Throughput } from "./http";
import { benchPageSizes, FALLBACK_PATH, PAGE_PATH, pageCase, probePage, type PageProbe, type PageSizePoint, type SignedInAccount } from "./page";
import { freeEphemeralPort, freePort, startBaseline, startGatepost, type RunningServer } from "./processes";
import { benchQueries, explainCases, explainSorts, planCost, QUERY_CASES, systemActor, type Explained, type SortPlan } from "./query";
import { renderMarkdown, type Report, type Row, type Target } from "./report";
import { removeTokens, SEARCH_MATCHES, SEARCH_TERM, seedTokens, settle, tableState, type SeededAccount } from "./seed";
import { ms, sampleRoundRobin, type Case, type SampleOptions, type Summary } from "./stats";

// The whole run, in three phases on one server and one table:
//   A1  the table holds only the 1k account: measure the 1k account;
//   B   the 100k account joins: measure both, interleaved (the account-size comparison);
//   A2  the 100k tokens are deleted again: measure the 1k account once more.
// B against the mean of A1 and A2 is the table-size check, with the machine's drift bracketed.

const SMALL = 1_000;
const LARGE = 100_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES) || 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) || 5;
const CREATE_SECONDS = 2 * LOAD_SECONDS;
// Time bounds per group keep the whole run near 5 minutes; on a busy machine a group stops early
// with fewer samples (the tables show n).
const QUERY_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 15_000 };
const PAGE_OPTS: SampleOptions = { warmup: 10, samples: SAMPLES, maxMs: 30_000 };
const PAGE_B_OPTS: SampleOptions = { ...PAGE_OPTS, maxMs: 50_000 };
const API_OPTS: SampleOptions = { warmup: 20, samples: SAMPLES, maxMs: 20_000 };
const SIZES_OPTS: SampleOptions = { warmup: 3, samples: 30, maxMs: 20_000 };
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

function gitState(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).split("\n").filter(Boolean).length;
    return dirty ? `${head} + ${dirty} uncommitted paths (working tree)` : head;
  } catch {
    return "unknown";
  }
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

/** Summaries of one phase, by case name ("baseline", "floor", "1k/default", "100k", ...). */
interface Phase {
  query?: Map<string, Summary>;
  page?: Map<string, Summary>;
  api?: Map<string, Summary>;
}

interface Measured {
  a1: Phase;
  b: Phase;
  a2: Phase;
  plans: Explained[];
  pendingPlans: Explained[];
  sortPlans: SortPlan[];
  pageSizes: PageSizePoint[];
  load: string[];
  pageProbe?: PageProbe;
  apiNote?: string;
  loads: { label: string; t: Throughput | undefined; note?: string }[];
  notes: string[];
  tableRows?: number;
}

export async function main(): Promise<void> {
  const m: Measured = { a1: {}, b: {}, a2: {}, plans: [], pendingPlans: [], sortPlans: [], pageSizes: [], load: [], loads: [], notes: [] };
  m.load.push(`before: ${loadavg()}`);
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
          API_OPTS,
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
        `Creates: ${serial.ok + creates.ok} answered 2xx and the table grew by ${after.rows - before.rows} rows; account counters ${after.countersMatch ? "match the real counts" : "DO NOT match the real counts"} afterwards.`,
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
  m.notes.push(`Shut-down: ${stopped}.`);

  const markdown = renderMarkdown(buildReport(m, build.note, small, large));
  writeFileSync(RESULTS, `${markdown}\n`);
  process.stdout.write(`${markdown}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}

const get = (map: Map<string, Summary> | undefined, key: string) => map?.get(key);
const p95ratio = (a?: Summary, b?: Summary) => (a && b ? a.p95 / b.p95 : undefined);
const p50ratio = (a?: Summary, b?: Summary) => (a && b ? a.p50 / b.p50 : undefined);
/** p95 in phase B against the mean p95 of A1 and A2 (either alone when the other is missing). */
function bracketed(b?: Summary, a1?: Summary, a2?: Summary): number | undefined {
  const alone = [a1, a2].filter((x): x is Summary => x !== undefined);
  if (!b || alone.length === 0) return undefined;
  return b.p95 / (alone.reduce((t, x) => t + x.p95, 0) / alone.length);
}
const p50aside = (a?: Summary, b?: Summary) => {
  const r = p50ratio(a, b);
  return r === undefined ? undefined : `p50 ratio ${r.toFixed(2)}`;
};

function buildReport(m: Measured, buildNote: string, small?: SeededAccount, large?: SeededAccount): Report {
  const pageRendered = m.pageProbe?.rendered ?? false;
  const tableA1 = `table of ${SMALL.toLocaleString("en-US")}`;
  const tableB = `table of ${(m.tableRows ?? SMALL + LARGE).toLocaleString("en-US")}`;
  const tableA2 = `table of ${SMALL.toLocaleString("en-US")} again`;

  /** Rows for one case: 1k in A1, 1k in B, 100k in B, 1k in A2, each against its own group's floor. */
  const fourRows = (what: string, pick: (p: Phase) => Map<string, Summary> | undefined, key1k: string, key100k: string, floorKey: string): Row[] => [
    { label: `${what}: 1k account, ${tableA1}`, s: get(pick(m.a1), key1k), floor: get(pick(m.a1), floorKey) },
    { label: `${what}: 1k account, ${tableB}`, s: get(pick(m.b), key1k), floor: get(pick(m.b), floorKey) },
    { label: `${what}: **100k account**, ${tableB}`, s: get(pick(m.b), key100k), floor: get(pick(m.b), floorKey) },
    { label: `${what}: 1k account, ${tableA2}`, s: get(pick(m.a2), key1k), floor: get(pick(m.a2), floorKey) },
  ];

  const queryRows: Row[] = [{ label: "floor: `SELECT 1` through the same Prisma client (phase B)", s: get(m.b.query, "floor") }];
  for (const qc of QUERY_CASES) queryRows.push(...fourRows(qc.label, (p) => p.query, `1k/${qc.key}`, `100k/${qc.key}`, "floor"));
  const pageLabel = pageRendered ? `GET ${PAGE_PATH}` : `GET ${FALLBACK_PATH} (stand-in: the page is not rendered yet)`;
  const pageRows: Row[] = [{ label: "baseline: bare node:http JSON (phase B)", s: get(m.b.page, "baseline") }, ...fourRows(pageLabel, (p) => p.page, "1k", "100k", "baseline")];
  const apiRows: Row[] = [
    { label: "baseline: bare node:http JSON (phase B)", s: get(m.b.api, "baseline") },
    ...fourRows("list per_page=50", (p) => p.api, "1k/list", "100k/list", "baseline"),
    ...fourRows(`search=${SEARCH_TERM}`, (p) => p.api, "1k/search", "100k/search", "baseline"),
  ];

  const noPage = pageRendered ? undefined : `${PAGE_PATH} not rendered yet`;
  const noApi = m.b.api ? undefined : (m.apiNote ?? "REST API not measured");
  const page = (key: string) => (pageRendered ? get(m.b.page, key) : undefined);
  const tableCheck = (pick: (p: Phase) => Map<string, Summary> | undefined, key: string) =>
    bracketed(get(pick(m.b), key), get(pick(m.a1), key), get(pick(m.a2), key));
  const targets: Target[] = [
    { label: "Page render p95, 100k account", limit: 250, unit: "ms", value: page("100k")?.p95, missing: noPage },
    {
      label: "Page render p95(100k) ÷ p95(1k), same table",
      limit: 1.5,
      unit: "×",
      value: p95ratio(page("100k"), page("1k")),
      aside: p50aside(page("100k"), page("1k")),
      missing: noPage,
    },
    {
      label: `Page render, 1k account: p95 with the ${tableB} ÷ mean p95 with the table of 1,000 (A1, A2)`,
      limit: 1.5,
      unit: "×",
      value: pageRendered ? tableCheck((p) => p.page, "1k") : undefined,
      missing: noPage,
    },
    { label: "API list per_page=50 p95, 100k account", limit: 50, unit: "ms", value: get(m.b.api, "100k/list")?.p95, missing: noApi },
    {
      label: "API list p95(100k) ÷ p95(1k), same table",
      limit: 1.5,
      unit: "×",
      value: p95ratio(get(m.b.api, "100k/list"), get(m.b.api, "1k/list")),
      aside: p50aside(get(m.b.api, "100k/list"), get(m.b.api, "1k/list")),
      missing: noApi,
    },
    { label: "API search p95, 100k account", limit: 50, unit: "ms", value: get(m.b.api, "100k/search")?.p95, missing: noApi },
    {
      label: "API search p95(100k) ÷ p95(1k), same table",
      limit: 1.5,
      unit: "×",
      value: p95ratio(get(m.b.api, "100k/search"), get(m.b.api, "1k/search")),
      aside: p50aside(get(m.b.api, "100k/search"), get(m.b.api, "1k/search")),
      missing: noApi,
    },
    {
      label: `API list, 1k account: p95 with the ${tableB} ÷ mean p95 with the table of 1,000 (check)`,
      limit: 1.5,
      unit: "×",
      value: tableCheck((p) => p.api, "1k/list"),
      missing: noApi,
    },
  ];
  for (const qc of QUERY_CASES.filter((c) => c.target)) {
    targets.push({
      label: `Data query "${qc.key}" p95(100k) ÷ p95(1k), same table (guide)`,
      limit: 1.5,
      unit: "×",
      value: p95ratio(get(m.b.query, `100k/${qc.key}`), get(m.b.query, `1k/${qc.key}`)),
      aside: p50aside(get(m.b.query, `100k/${qc.key}`), get(m.b.query, `1k/${qc.key}`)),
    });
  }
  const creates = m.loads.find((x) => x.label === "API create (POST), 100k account")?.t;
  const serialCreates = m.loads.find((x) => x.label.endsWith("1 connection"))?.t;

  const extra: string[] = [];
  const q100k = get(m.b.query, "100k/default");
  const p100k = page("100k");
  if (p100k) {
    const lines = ["### Where the page's time goes", ""];
    if (q100k) {
      lines.push(
        `At 100k tokens the data query takes ${ms(q100k.p50)} ms (p50) of the page's ${ms(p100k.p50)} ms (p50), ` +
          `${((100 * q100k.p50) / p100k.p50).toFixed(0)}%. The rest goes to the session check and to rendering and sending the HTML, and none of that depends on the table.`,
      );
    }
    if (m.pageSizes.length) {
      lines.push(
        "",
        "The same page for the 100k account at other page sizes (interleaved):",
        "",
        "| per_page | rows rendered | HTML KB | n | p50 ms | p95 ms |",
        "|---:|---:|---:|---:|---:|---:|",
        ...m.pageSizes.map((p) => `| ${p.perPage} | ${p.rows} | ${p.kb.toFixed(0)} | ${p.s?.n ?? 0} | ${ms(p.s?.p50 ?? Number.NaN)} | ${ms(p.s?.p95 ?? Number.NaN)} |`),
      );
      const [lo, hi] = [m.pageSizes[0], m.pageSizes[m.pageSizes.length - 1]];
      if (lo.s && hi.s && hi.rows > lo.rows) {
        const perRow = (hi.s.p50 - lo.s.p50) / (hi.rows - lo.rows);
        lines.push(
          "",
          `Each row adds about ${ms(perRow)} ms (p50) and ${((hi.kb - lo.kb) / (hi.rows - lo.rows)).toFixed(1)} KB of HTML; ` +
            `the fixed part is about ${ms(lo.s.p50 - perRow * lo.rows)} ms.`,
        );
      }
    }
    extra.push(lines.join("\n"));
  }
  if (m.sortPlans.length) {
    extra.push(
      [
        "### Every sort order at 100k tokens (EXPLAIN ANALYZE of page 1, 50 rows)",
        "",
        "| Sort | Order | Access path | Execution ms | Buffers | Grows with the account? |",
        "|---|---|---|---:|---:|---|",
        ...m.sortPlans.map(
          (p) => `| ${p.sort} | ${p.order} | ${p.access} | ${ms(p.executionMs)} | ${p.buffers} | ${p.findings.length ? `⚠ yes: ${p.findings.join("; ")}` : "no"} |`,
        ),
      ].join("\n"),
    );
  }
  const settled = m.plans.filter((p) => p.caseKey === "search");
  if (m.pendingPlans.length && settled.length) {
    const cell = (ps: Explained[]) =>
      ps
        .map((p) => ({ what: /COUNT\(/i.test(p.sql) ? "count" : "list", ...planCost(p.plan) }))
        .map((c) => `${c.what} ${ms(c.executionMs)} ms, ${c.buffers} buffers`)
        .join("; ");
    extra.push(
      [
        "### Search and the GIN pending list",
        "",
        `The search "${SEARCH_TERM}" on the 100k account (its list query and its count query), EXPLAIN ANALYZE:`,
        "",
        "| Index state | Execution |",
        "|---|---|",
        `| right after inserting 100k rows (GIN pending lists not merged yet) | ${cell(m.pendingPlans)} |`,
        `| after VACUUM merged them (what the tables above measure) | ${cell(settled)} |`,
      ].join("\n"),
    );
  }

  const cpus = os.cpus();
  return {
    title: "Service Tokens at 100,000 tokens: benchmark",
    context: [
      `Run ${new Date().toISOString()} on ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, Node ${process.version}, commit ${gitState()}.`,
      `Build: ${buildNote}.`,
      `Machine load average (1/5/15 min, ${cpus.length} cores) ${m.load.join(", ")}. Other work on the machine adds noise, so compare within the run.`,
      `Accounts: 1k = ${small?.tokens.toLocaleString("en-US") ?? "?"} tokens, 100k = ${large?.tokens.toLocaleString("en-US") ?? "?"} tokens; search "${SEARCH_TERM}" matches ${SEARCH_MATCHES} tokens in each.`,
      `Page: ${m.pageProbe?.note ?? "not probed"}. REST API: ${m.apiNote ?? "not probed"}.`,
      creates
        ? `Sustained creates through the REST API: **${creates.rps.toFixed(0)} creates/s** (10 connections, ${creates.seconds.toFixed(0)} s, ${creates.bad} failures)` +
          (serialCreates ? `; ${serialCreates.rps.toFixed(0)} creates/s over 1 connection.` : ".")
        : "Sustained creates: not measured (REST API route missing).",
    ],
    method:
      "Measured by `npm run bench` (bench/run.ts) on one 2-core machine, with the load generator on the same cores, so compare the numbers " +
      "with each other and with the baseline of the same run, not across machines. The bench builds the app into `.next-bench` when a " +
      "source is newer, then starts Gatepost as `npm start` does (server.ts, production build, embedded PostgreSQL in a fresh temporary " +
      "DATA_DIR, PORT in 3300-3399). It seeds an account of 1,000 tokens with one SQL `INSERT … SELECT generate_series` (unique client ids, " +
      "SHA-256 digests, mixed durations, expiries and last-seen times, a few disabled or mid-rotation; counter set to the real count; " +
      "then `VACUUM (ANALYZE)`, the state autovacuum leaves). Three phases follow on the same table. A1 measures the 1k account alone. " +
      "B adds an account of 100,000 tokens and measures both accounts interleaved. A2 deletes the 100,000 again and measures the 1k " +
      "account once more, so the machine's drift is bracketed. Each case gets a warm-up, then up to " +
      `${SAMPLES} sequential requests over one keep-alive connection (each group also stops after 15-50 s: see n). The cases of a group ` +
      "run interleaved round-robin, so that the machine's noise falls on all of them alike. Every response is read in full and checked: " +
      "status 200, the account's newest token in the page's HTML, rows and totals in API answers. The data query is " +
      "`listServiceTokens` called in-process (page 1, 50 per page, created desc; name sort; a search matching 5 rows) and compared with " +
      "`SELECT 1` through the same Prisma client. The page is `GET /service-tokens` at its default page size, with a next-auth session " +
      "cookie from the credentials sign-in. The baseline is a bare `node:http` server answering a small JSON, hit the same way in the same " +
      `loops. Throughput runs use autocannon: 10 connections for ${LOAD_SECONDS} s, and for creates ${LOAD_SECONDS} s over 1 connection and ${CREATE_SECONDS} s ` +
      "over 10, with an API token made by `npm run cli -- api-token create`. Percentiles are nearest-rank over the samples.",
    sections: [
      { heading: "Data query: listServiceTokens in-process", rows: queryRows, floorLabel: "floor p95" },
      {
        heading: `Page render: ${pageLabel}`,
        note: pageRendered ? undefined : `⚠ ${m.pageProbe?.note ?? "the page was not probed"}.`,
        rows: pageRows,
        floorLabel: "baseline p95",
      },
      ...(m.a1.api || m.b.api
        ? [{ heading: "REST API: GET /client/v4/accounts/:id/access/service_tokens", rows: apiRows, floorLabel: "baseline p95" }]
        : [{ heading: "REST API", note: `Skipped: ${m.apiNote ?? "not probed"}.`, rows: [], floorLabel: "baseline p95" }]),
    ],
    loads: m.loads,
    targets,
    extra,
    notes: m.notes,
    plans: m.plans,
  };
}
