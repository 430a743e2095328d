import { execFileSync } from "node:child_process";
import os from "node:os";
import type { Throughput } from "./http";
import { FALLBACK_PATH, OVERVIEW_PATH, PAGE_PATH, type PageProbe, type PageSizePoint } from "./page";
import { HEALTH_KEY, HEALTH_LABEL, planCost, QUERY_CASES, type Explained, type SortPlan } from "./query";
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

export function gitState(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).split("\n").filter(Boolean).length;
    return dirty ? `${head} + ${dirty} uncommitted paths (working tree)` : head;
  } catch {
    return "unknown";
  }
}

/**
 * Summaries by case name. Keys: "baseline" / "floor"; "100k" and "1k" for the two accounts of the
 * shared table; "alone" for the 1k account of the other server; "<account>/<case>" for queries and API.
 */
export interface Measured {
  /** 1-minute load averages seen at the start and the end of the run. */
  busy: number[];
  query?: Map<string, Summary>;
  page?: Map<string, Summary>;
  api?: Map<string, Summary>;
  plans: Explained[];
  pendingPlans: Explained[];
  sortPlans: SortPlan[];
  pageSizes: PageSizePoint[];
  load: string[];
  pageProbe?: PageProbe;
  apiNote?: string;
  loads: { label: string; t: Throughput | undefined; note?: string }[];
  notes: string[];
  tableRows?: { shared: number; alone: number };
}

const get = (map: Map<string, Summary> | undefined, key: string) => map?.get(key);
const p95ratio = (a?: Summary, b?: Summary) => (a && b ? a.p95 / b.p95 : undefined);
const p50ratio = (a?: Summary, b?: Summary) => (a && b ? a.p50 / b.p50 : undefined);
const p50aside = (a?: Summary, b?: Summary) => {
  const r = p50ratio(a, b);
  return r === undefined ? undefined : `p50 ratio ${r.toFixed(2)}`;
};

export function buildReport(m: Measured, settings: RunSettings, buildNote: string, small?: SeededAccount, large?: SeededAccount): Report {
  const pageRendered = m.pageProbe?.rendered ?? false;
  const fmt = (n: number) => n.toLocaleString("en-US");
  const sharedTable = `shared table of ${fmt(m.tableRows?.shared ?? SMALL + LARGE)}`;
  const aloneTable = `alone in a table of ${fmt(m.tableRows?.alone ?? SMALL)} (second server)`;

  /** Rows for one case: the 1k account alone, then both accounts of the shared table. */
  /** Keys `${prefix}${account}${suffix}`. */
  const threeRows = (what: string, map: Map<string, Summary> | undefined, suffix: string, floorKey: string, prefix = ""): Row[] => [
    { label: `${what}: 1k account, ${aloneTable}`, s: get(map, `${prefix}alone${suffix}`), floor: get(map, floorKey) },
    { label: `${what}: 1k account, ${sharedTable}`, s: get(map, `${prefix}1k${suffix}`), floor: get(map, floorKey) },
    { label: `${what}: **100k account**, ${sharedTable}`, s: get(map, `${prefix}100k${suffix}`), floor: get(map, floorKey) },
  ];

  const queryRows: Row[] = [{ label: "floor: `SELECT 1` through the same Prisma client", s: get(m.query, "floor") }];
  for (const qc of QUERY_CASES) queryRows.push(...threeRows(qc.label, m.query, `/${qc.key}`, "floor"));
  queryRows.push(...threeRows(HEALTH_LABEL, m.query, `/${HEALTH_KEY}`, "floor"));
  const pageLabel = pageRendered ? `GET ${PAGE_PATH}` : `GET ${FALLBACK_PATH} (stand-in: the page is not rendered yet)`;
  const pageRows: Row[] = [
    { label: "baseline: bare node:http JSON", s: get(m.page, "baseline") },
    ...threeRows(pageLabel, m.page, "", "baseline"),
    ...threeRows(`GET ${OVERVIEW_PATH} (the Overview)`, m.page, "", "baseline", "overview/"),
  ];
  const apiRows: Row[] = [
    { label: "baseline: bare node:http JSON", s: get(m.api, "baseline") },
    ...threeRows("list per_page=50", m.api, "/list", "baseline"),
    ...threeRows(`search=${SEARCH_TERM}`, m.api, "/search", "baseline"),
  ];

  const noPage = pageRendered ? undefined : `${PAGE_PATH} not rendered yet`;
  const noApi = m.api ? undefined : (m.apiNote ?? "REST API not measured");
  const page = (key: string) => (pageRendered ? get(m.page, key) : undefined);
  const ratioTarget = (label: string, a?: Summary, b?: Summary, missing?: string): Target => ({
    label,
    limit: 1.5,
    unit: "×",
    value: p95ratio(a, b),
    aside: p50aside(a, b),
    missing,
  });
  const targets: Target[] = [
    { label: "Page render p95, 100k account", limit: 250, unit: "ms", value: page("100k")?.p95, missing: noPage },
    ratioTarget("Page render p95(100k) ÷ p95(1k), same table", page("100k"), page("1k"), noPage),
    ratioTarget("Page render, 1k account: p95 in the shared table ÷ p95 alone (check)", page("1k"), page("alone"), noPage),
    { label: "Overview render p95, 100k account", limit: 250, unit: "ms", value: get(m.page, "overview/100k")?.p95 },
    ratioTarget("Overview render p95(100k) ÷ p95(1k), same table", get(m.page, "overview/100k"), get(m.page, "overview/1k")),
    { label: "API list per_page=50 p95, 100k account", limit: 50, unit: "ms", value: get(m.api, "100k/list")?.p95, missing: noApi },
    ratioTarget("API list p95(100k) ÷ p95(1k), same table", get(m.api, "100k/list"), get(m.api, "1k/list"), noApi),
    { label: "API search p95, 100k account", limit: 50, unit: "ms", value: get(m.api, "100k/search")?.p95, missing: noApi },
    ratioTarget("API search p95(100k) ÷ p95(1k), same table", get(m.api, "100k/search"), get(m.api, "1k/search"), noApi),
    ratioTarget("API list, 1k account: p95 in the shared table ÷ p95 alone (check)", get(m.api, "1k/list"), get(m.api, "alone/list"), noApi),
  ];
  for (const qc of [...QUERY_CASES.filter((c) => c.target), { key: HEALTH_KEY }]) {
    targets.push({
      label: `Data query "${qc.key}" p95(100k) ÷ p95(1k), same table (guide)`,
      limit: 1.5,
      unit: "×",
      value: p95ratio(get(m.query, `100k/${qc.key}`), get(m.query, `1k/${qc.key}`)),
      aside: p50aside(get(m.query, `100k/${qc.key}`), get(m.query, `1k/${qc.key}`)),
    });
  }
  const creates = m.loads.find((x) => x.label === "API create (POST), 100k account")?.t;
  const serialCreates = m.loads.find((x) => x.label.endsWith("1 connection"))?.t;

  const extra: string[] = [];
  const q100k = get(m.query, "100k/default");
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
          "absolute times are inflated and the ms targets are judged on a crowded machine. The ratios come from interleaved " +
          "requests and still hold."
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
      "source is newer. It then starts two Gatepost servers from that build as `npm start` does (server.ts, production build, each with " +
      "its own embedded PostgreSQL in a fresh temporary DATA_DIR, ports 3300-3399). The shared server holds an account of 1,000 tokens " +
      "and an account of 100,000 tokens in one table: comparing the two accounts answers whether cost grows with the account. The other " +
      "server holds only an account of 1,000 tokens: comparing the two 1k accounts answers whether cost grows with the table. Tokens " +
      "are seeded with one SQL `INSERT … SELECT generate_series` per account (unique client ids, SHA-256 digests, mixed durations, " +
      "expiries and last-seen times, a few disabled or mid-rotation; counters set to the real counts), then `VACUUM (ANALYZE)`, the " +
      "state autovacuum leaves. Each case gets a warm-up, then up to " +
      `${settings.samples} sequential requests over one keep-alive connection (each group also stops after 20-60 s: see n). ` +
      "All cases of a group, and the baseline, run interleaved round-robin, so that load from elsewhere on the machine falls on every " +
      "case alike. Every response is read in full and checked: status 200, the account's newest token in the page's HTML, rows and " +
      "totals in API answers. The data query is `listServiceTokens` called in-process (page 1, 50 per page, created desc; name sort; " +
      "a search matching 5 rows; the Overview's status=expiring_30d link; the last-seen sort for information only, in a group of its own " +
      "since its sequential scan slows whatever runs next), and `serviceTokenHealth`, the Overview's counts, each compared with " +
      "`SELECT 1` through the same Prisma client. The pages are `GET /service-tokens` at its default page size and `GET /` (the " +
      "Overview), interleaved, with a next-auth session cookie from the credentials sign-in. The baseline is a bare `node:http` server " +
      "answering a small JSON, hit the same way in the same loops. Throughput runs use autocannon: 10 connections for " +
      `${settings.loadSeconds} s, and for creates ${settings.loadSeconds} s over 1 connection and ${settings.createSeconds} s over 10, ` +
      "with an API token made by `npm run cli -- api-token create`. Percentiles are nearest-rank over the samples.",
    sections: [
      { heading: "Data query: listServiceTokens in-process", rows: queryRows, floorLabel: "floor p95" },
      {
        heading: `Page render: ${pageLabel}`,
        note: pageRendered ? undefined : `⚠ ${m.pageProbe?.note ?? "the page was not probed"}.`,
        rows: pageRows,
        floorLabel: "baseline p95",
      },
      ...(m.api
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
