import { execFileSync } from "node:child_process";
import os from "node:os";
import type { Throughput } from "./http";
import { FALLBACK_PATH, PAGE_PATH, type PageProbe, type PageSizePoint } from "./page";
import { planCost, QUERY_CASES, type Explained, type SortPlan } from "./query";
import type { Report, Row, Target } from "./report";
import { SEARCH_MATCHES, SEARCH_TERM, type SeededAccount } from "./seed";
import { ms, type Summary } from "./stats";

// What the run measured, turned into the report: rows per phase, targets met or missed, and the
// explanations (where the page's time goes, every sort order's plan, the GIN pending list).

export const SMALL = 1_000;
export const LARGE = 100_000;

export interface RunSettings {
  samples: number;
  loadSeconds: number;
  createSeconds: number;
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

/** Summaries of one phase, by case name ("baseline", "floor", "1k/default", "100k", ...). */
export interface Phase {
  query?: Map<string, Summary>;
  page?: Map<string, Summary>;
  api?: Map<string, Summary>;
}

export interface Measured {
  /** 1-minute load averages seen at the start and the end of the run. */
  busy: number[];
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

const get = (map: Map<string, Summary> | undefined, key: string) => map?.get(key);
const p95ratio = (a?: Summary, b?: Summary) => (a && b ? a.p95 / b.p95 : undefined);
const p50ratio = (a?: Summary, b?: Summary) => (a && b ? a.p50 / b.p50 : undefined);
/**
 * p95 in phase B against the better p95 of A1 and A2. The better one, so that a burst of load
 * during one of the alone-phases cannot make the table look harmless.
 */
function tableCheckRatio(b?: Summary, a1?: Summary, a2?: Summary): number | undefined {
  const alone = [a1, a2].filter((x): x is Summary => x !== undefined);
  if (!b || alone.length === 0) return undefined;
  return b.p95 / Math.min(...alone.map((x) => x.p95));
}
const p50aside = (a?: Summary, b?: Summary) => {
  const r = p50ratio(a, b);
  return r === undefined ? undefined : `p50 ratio ${r.toFixed(2)}`;
};

export function buildReport(m: Measured, settings: RunSettings, buildNote: string, small?: SeededAccount, large?: SeededAccount): Report {
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
    tableCheckRatio(get(pick(m.b), key), get(pick(m.a1), key), get(pick(m.a2), key));
  const tableCheckAside = (pick: (p: Phase) => Map<string, Summary> | undefined, key: string) => {
    const alone = [get(pick(m.a1), key), get(pick(m.a2), key)].filter((x): x is Summary => x !== undefined);
    const b = get(pick(m.b), key);
    if (!b || alone.length === 0) return undefined;
    return `p50 ${ms(b.p50)} ms against ${alone.map((x) => ms(x.p50)).join(" / ")} ms alone`;
  };
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
      label: `Page render, 1k account: p95 with the ${tableB} ÷ the better p95 with the table of 1,000 (A1, A2)`,
      limit: 1.5,
      unit: "×",
      value: pageRendered ? tableCheck((p) => p.page, "1k") : undefined,
      aside: pageRendered ? tableCheckAside((p) => p.page, "1k") : undefined,
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
      label: `API list, 1k account: p95 with the ${tableB} ÷ the better p95 with the table of 1,000 (A1, A2)`,
      limit: 1.5,
      unit: "×",
      value: tableCheck((p) => p.api, "1k/list"),
      aside: tableCheckAside((p) => p.api, "1k/list"),
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
  const busiest = Math.max(...m.busy);
  return {
    title: "Service Tokens at 100,000 tokens: benchmark",
    warning:
      busiest > 2 * cpus.length
        ? `The machine was busy with other work (1-minute load average up to ${busiest.toFixed(1)} on ${cpus.length} cores): ` +
          "absolute times are inflated and the ms targets are judged on a crowded machine. Ratios within a phase are measured " +
          "interleaved and still hold."
        : undefined,
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
      "account once more; the table-size check compares B with the better of A1 and A2. Each case gets a warm-up, then up to " +
      `${settings.samples} sequential requests over one keep-alive connection (each group also stops after 15-50 s: see n). The cases of a group ` +
      "run interleaved round-robin, so that the machine's noise falls on all of them alike. Every response is read in full and checked: " +
      "status 200, the account's newest token in the page's HTML, rows and totals in API answers. The data query is " +
      "`listServiceTokens` called in-process (page 1, 50 per page, created desc; name sort; a search matching 5 rows; the last-seen " +
      "sort for information only, in a group of its own since its sequential scan slows whatever runs next) and compared with " +
      "`SELECT 1` through the same Prisma client. The page is `GET /service-tokens` at its default page size, with a next-auth session " +
      "cookie from the credentials sign-in. The baseline is a bare `node:http` server answering a small JSON, hit the same way in the same " +
      `loops. Throughput runs use autocannon: 10 connections for ${settings.loadSeconds} s, and for creates ${settings.loadSeconds} s over 1 connection and ${settings.createSeconds} s ` +
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
