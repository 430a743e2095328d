import type pg from "pg";
import type { Actor } from "../lib/auth/actor";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { SORT_COLUMNS, type ListServiceTokensInput, type SortColumn } from "../lib/service-tokens/schemas";
import { listServiceTokens, serviceTokenHealth } from "../lib/service-tokens/service";
import { onDatabase, prismaFor } from "./db";
import { SEARCH_MATCHES, SEARCH_TERM, type SeededAccount } from "./seed";
import { sampleRoundRobin, type Case, type SampleOptions, type Summary } from "./stats";

// The Service Tokens page's data query, called in-process as the page calls it (listServiceTokens,
// through a Prisma client with the app's adapter), and the Overview's (serviceTokenHealth), against
// a `SELECT 1` through the same client as the floor. Plus EXPLAIN ANALYZE of the SQL Prisma really sends.

export interface QueryCase {
  key: string;
  label: string;
  input: ListServiceTokensInput;
  /** Part of the targets, or shown for information only. */
  target: boolean;
  check(result: Awaited<ReturnType<typeof listServiceTokens>>, account: SeededAccount): string | null;
}

const fullPage = (r: { items: unknown[]; total: number }, a: SeededAccount) =>
  r.items.length !== Math.min(50, a.tokens) ? `${r.items.length} rows on page 1` : r.total !== a.tokens ? `total ${r.total}, expected ${a.tokens}` : null;

export const QUERY_CASES: QueryCase[] = [
  {
    key: "default",
    label: "page 1, 50 per page, created desc (default)",
    input: {},
    target: true,
    check: (r, a) => fullPage(r, a) ?? (r.items[0]?.name !== a.newestName ? `first row ${r.items[0]?.name}, expected ${a.newestName}` : null),
  },
  { key: "name", label: "sorted by name", input: { sort: "name", order: "asc" }, target: true, check: fullPage },
  {
    key: "search",
    label: `search "${SEARCH_TERM}" (${SEARCH_MATCHES} matches)`,
    input: { search: SEARCH_TERM },
    target: true,
    check: (r) => (r.total !== SEARCH_MATCHES || r.items.length !== SEARCH_MATCHES ? `search found ${r.total}, expected ${SEARCH_MATCHES}` : null),
  },
  {
    key: "status",
    label: "status=expiring_30d (the Overview's link)",
    input: { status: "expiring_30d" },
    target: true,
    check: (r) => (r.total === 0 || r.items.length !== Math.min(50, r.total) ? `${r.items.length} rows of ${r.total}` : null),
  },
  { key: "lastSeen", label: "sorted by last seen desc (info)", input: { sort: "lastSeenAt", order: "desc" }, target: false, check: fullPage },
];

/** The Overview's counts, measured beside the list's cases under this key. */
export const HEALTH_KEY = "health";
export const HEALTH_LABEL = "serviceTokenHealth (the Overview's counts)";

export const systemActor = (accountId: string): Actor => ({ kind: "system", accountId, label: "bench" });

export interface AccountUnderTest {
  /** "1k", "100k", "1k-alone": the key used in the results. */
  label: string;
  account: SeededAccount;
  /** The database the account lives in. */
  client: PrismaClient;
}

/**
 * Round-robin samples of the target cases on every account, plus the SELECT 1 floor ("floor", on the
 * first account's database); then
 * the information-only cases as a group of their own, since a slow one (a sequential scan with
 * parallel workers) would slow down whatever runs next and blur the targets' numbers.
 */
export async function benchQueries(accounts: AccountUnderTest[], opts: SampleOptions): Promise<Map<string, Summary>> {
  const targets = await benchQueryGroup(accounts, QUERY_CASES.filter((c) => c.target), opts);
  const info = QUERY_CASES.filter((c) => !c.target);
  if (info.length === 0) return targets;
  const infoOpts = { warmup: 3, samples: Math.min(opts.samples, 50), maxMs: opts.maxMs / 2 };
  const rest = await benchQueryGroup(accounts, info, infoOpts);
  rest.delete("floor");
  return new Map([...targets, ...rest]);
}

async function benchQueryGroup(accounts: AccountUnderTest[], queryCases: QueryCase[], opts: SampleOptions): Promise<Map<string, Summary>> {
  const floorDb = accounts[0].client;
  const cases: Case[] = [
    {
      name: "floor",
      run: async () => {
        await floorDb.$queryRaw`SELECT 1`;
      },
    },
  ];
  for (const { label, account, client } of accounts) {
    const actor = systemActor(account.id);
    const list = (input: ListServiceTokensInput) => onDatabase(client, () => listServiceTokens(actor, input));
    for (const qc of queryCases) {
      const problem = qc.check(await list(qc.input), account);
      if (problem) throw new Error(`data query ${qc.key} on the ${label} account is wrong: ${problem}`);
      cases.push({ name: `${label}/${qc.key}`, run: () => list(qc.input).then(() => undefined) });
    }
    if (queryCases.some((c) => c.target)) {
      const health = () => onDatabase(client, () => serviceTokenHealth(actor));
      const { total } = await health();
      if (total !== account.tokens) throw new Error(`serviceTokenHealth on the ${label} account counts ${total} tokens, expected ${account.tokens}`);
      cases.push({ name: `${label}/${HEALTH_KEY}`, run: () => health().then(() => undefined) });
    }
  }
  return sampleRoundRobin(cases, opts);
}

export interface Explained {
  caseKey: string;
  sql: string;
  plan: string;
  findings: string[];
}

interface CapturedQuery {
  query: string;
  params: unknown[];
}

/** The SQL that `call` (listServiceTokens by default) sends, captured through Prisma's query log on a client of its own. */
async function captureSql(
  url: string,
  accountId: string,
  input: ListServiceTokensInput,
  call: (actor: Actor, input: ListServiceTokensInput) => Promise<unknown> = listServiceTokens,
): Promise<CapturedQuery[]> {
  const logging = prismaFor(url, { logQueries: true });
  const captured: CapturedQuery[] = [];
  logging.$on("query" as never, (e: { query: string; params: string }) => {
    let params: unknown[] = [];
    try {
      params = JSON.parse(e.params) as unknown[];
    } catch {
      // leave empty: the EXPLAIN then fails visibly
    }
    captured.push({ query: e.query, params });
  });
  try {
    await onDatabase(logging, () => call(systemActor(accountId), input));
  } finally {
    await logging.$disconnect();
  }
  return captured.filter((c) => /service_tokens/.test(c.query));
}

/** What in a plan makes it grow with the account: a sequential scan, or reading far more rows than a page. */
function findings(plan: string, pageSize: number): string[] {
  const out: string[] = [];
  if (/Seq Scan on service_tokens/.test(plan)) out.push("sequential scan of service_tokens");
  let maxRows = 0;
  for (const m of plan.matchAll(/actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+) loops=(\d+)/g)) maxRows = Math.max(maxRows, Number(m[1]) * Number(m[2]));
  if (maxRows <= 20 * pageSize) return out;
  const fullSort = plan.split("\n").some((l) => /->\s+Sort\s|^\s*Sort\s/.test(l));
  if (fullSort) out.push(`sorts in memory instead of reading an index in order (${plan.match(/Sort Method: [^\n]*/)?.[0] ?? "Sort"})`);
  out.push(`a plan node handles ${maxRows.toLocaleString("en-US")} rows to return at most ${pageSize}`);
  return out;
}

async function explainCaptured(db: pg.Client, c: CapturedQuery): Promise<string> {
  const res = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.query}`, c.params);
  return res.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

export async function explainCases(db: pg.Client, url: string, account: SeededAccount, keys?: string[]): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const qc of QUERY_CASES.filter((c) => !keys || keys.includes(c.key))) {
    for (const c of await captureSql(url, account.id, qc.input)) {
      const plan = await explainCaptured(db, c);
      out.push({ caseKey: qc.key, sql: c.query, plan, findings: findings(plan, 50) });
    }
  }
  if (!keys || keys.includes(HEALTH_KEY)) {
    for (const c of await captureSql(url, account.id, {}, (actor) => serviceTokenHealth(actor))) {
      // Counting reads every entry it counts: no page-size rule applies, the plan and its time are the evidence.
      const plan = await explainCaptured(db, c);
      out.push({ caseKey: HEALTH_KEY, sql: c.query, plan, findings: /Seq Scan on service_tokens/.test(plan) ? ["sequential scan of service_tokens"] : [] });
    }
  }
  return out;
}

export interface SortPlan {
  sort: SortColumn;
  order: "asc" | "desc";
  access: string;
  executionMs: number;
  buffers: number;
  findings: string[];
}

/** Top-level execution time and shared buffers of an EXPLAIN (ANALYZE, BUFFERS) text. */
export function planCost(plan: string): { executionMs: number; buffers: number } {
  const executionMs = Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? Number.NaN);
  const b = plan.match(/Buffers: shared ([^\n]*)/)?.[1] ?? "";
  const buffers = [...b.matchAll(/(?:hit|read)=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  return { executionMs, buffers };
}

/** Every sortable column in both directions: does page 1 come straight from an index? */
export async function explainSorts(db: pg.Client, url: string, account: SeededAccount): Promise<SortPlan[]> {
  const out: SortPlan[] = [];
  for (const sort of SORT_COLUMNS) {
    for (const order of ["asc", "desc"] as const) {
      const page = (await captureSql(url, account.id, { sort, order })).find((c) => /ORDER BY/.test(c.query));
      if (!page) continue;
      const plan = await explainCaptured(db, page);
      const access = plan.match(/(Index Only Scan Backward|Index Only Scan|Index Scan Backward|Index Scan|Parallel Seq Scan|Seq Scan|Bitmap Heap Scan)( using \w+)?/)?.[0] ?? "?";
      const sortNode = /Incremental Sort/.test(plan) ? " + Incremental Sort" : /(->\s+|^)Sort\s/m.test(plan) ? " + Sort" : "";
      out.push({ sort, order, access: `${access}${sortNode}`, ...planCost(plan), findings: findings(plan, 50) });
    }
  }
  return out;
}
