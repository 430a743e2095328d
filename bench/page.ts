import { request } from "./http";
import type { SeededAccount } from "./seed";
import { sampleRoundRobin, type Case, type SampleOptions, type Summary } from "./stats";

// The Service Tokens page's server render: GET /service-tokens with a signed-in session, the
// full HTML read, every answer checked (a redirect to sign-in or an error page must not pass as
// a fast render).

export const PAGE_PATH = "/service-tokens";
/** The Overview (the dashboard's home): its counts, each a statement of index range counts. */
export const OVERVIEW_PATH = "/";
/** Measured instead when the page does not exist yet: the cheapest signed-in answer Next gives. */
export const FALLBACK_PATH = "/api/auth/session";
/** Rows in the page's table, counted by their links to the token's own page. */
const TOKEN_LINK = /href="\/service-tokens\/[0-9a-f-]{36}"/g;

export interface SignedInAccount {
  label: string;
  account: SeededAccount;
  cookie: string;
}

export interface PageProbe {
  path: string;
  rendered: boolean;
  note: string;
}

/** Whether /service-tokens renders the account's newest token; if not, what is measured instead. */
export async function probePage(baseUrl: string, who: SignedInAccount): Promise<PageProbe> {
  const res = await request(`${baseUrl}${PAGE_PATH}`, { headers: { cookie: who.cookie } });
  if (res.status === 200 && res.body.includes(who.account.newestName)) {
    const rows = res.body.match(TOKEN_LINK)?.length ?? 0;
    return { path: PAGE_PATH, rendered: true, note: `${PAGE_PATH} renders page 1 at its default size (${rows} rows, ${(res.body.length / 1024).toFixed(0)} KB of HTML)` };
  }
  const why =
    res.status === 200
      ? `answers 200 but the HTML does not show the newest token "${who.account.newestName}"`
      : `answers ${res.status}${res.headers.location ? ` → ${res.headers.location}` : ""}`;
  return {
    path: FALLBACK_PATH,
    rendered: false,
    note: `${PAGE_PATH} is not rendered yet (${why}); measured the signed-in ${FALLBACK_PATH} instead, which is NOT the page`,
  };
}

export function pageCase(baseUrl: string, path: string, who: SignedInAccount, name = who.label): Case {
  const mustShow = path === PAGE_PATH ? who.account.newestName : path === OVERVIEW_PATH ? `All service tokens: ${who.account.tokens}` : null;
  return {
    name,
    run: async () => {
      const res = await request(`${baseUrl}${path}`, { headers: { cookie: who.cookie } });
      if (res.status !== 200) throw new Error(`GET ${path} as the ${who.label} account answered ${res.status}`);
      if (mustShow && !res.body.includes(mustShow)) throw new Error(`GET ${path} as the ${who.label} account does not show "${mustShow}"`);
    },
  };
}

export function benchPages(baseUrl: string, path: string, accounts: SignedInAccount[], opts: SampleOptions): Promise<Map<string, Summary>> {
  return sampleRoundRobin(
    accounts.map((a) => pageCase(baseUrl, path, a)),
    opts,
  );
}

export interface PageSizePoint {
  perPage: number;
  rows: number;
  kb: number;
  s: Summary | undefined;
}

/**
 * The same page at several page sizes, interleaved: whether the render's cost is per row (then it
 * is the markup, not the data) or fixed.
 */
export async function benchPageSizes(baseUrl: string, who: SignedInAccount, sizes: number[], opts: SampleOptions): Promise<PageSizePoint[]> {
  const points: PageSizePoint[] = [];
  const cases: Case[] = [];
  for (const perPage of sizes) {
    const url = `${baseUrl}${PAGE_PATH}?per_page=${perPage}`;
    const first = await request(url, { headers: { cookie: who.cookie } });
    if (first.status !== 200) throw new Error(`GET ${PAGE_PATH}?per_page=${perPage} answered ${first.status}`);
    points.push({ perPage, rows: first.body.match(TOKEN_LINK)?.length ?? 0, kb: first.body.length / 1024, s: undefined });
    cases.push({
      name: String(perPage),
      run: async () => {
        const res = await request(url, { headers: { cookie: who.cookie } });
        if (res.status !== 200) throw new Error(`GET ${PAGE_PATH}?per_page=${perPage} answered ${res.status}`);
      },
    });
  }
  const summaries = await sampleRoundRobin(cases, opts);
  return points.map((p) => ({ ...p, s: summaries.get(String(p.perPage)) }));
}
