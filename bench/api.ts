import { cli } from "../tests/harness/processes";
import { request, throughput, type Throughput } from "./http";
import { SEARCH_MATCHES, SEARCH_TERM, type SeededAccount } from "./seed";
import type { Case } from "./stats";

// The REST API (/client/v4, Cloudflare's shape): list and search timed like the page, and
// sustained creates/s. API tokens come from the CLI, as an operator would make them.

export interface ApiAccount {
  label: string;
  account: SeededAccount;
  token: string;
}

/** `npm run -s cli -- api-token create ...` beside the running server of `dataDir`; the token it printed. */
export async function createApiTokenWithCli(dataDir: string, accountId: string): Promise<string> {
  const token = await cli(dataDir, ["api-token", "create", "--name", "bench", "--permission", "Access: Service Tokens Write", "--account", accountId]);
  if (!token) throw new Error("api-token create printed nothing");
  return token;
}

const collection = (baseUrl: string, accountId: string) => `${baseUrl}/client/v4/accounts/${accountId}/access/service_tokens`;
export const listUrl = (baseUrl: string, a: SeededAccount) => `${collection(baseUrl, a.id)}?page=1&per_page=50`;
export const searchUrl = (baseUrl: string, a: SeededAccount) => `${collection(baseUrl, a.id)}?page=1&per_page=50&search=${encodeURIComponent(SEARCH_TERM)}`;

interface Envelope {
  success?: boolean;
  errors?: { code: number; message: string }[];
  result?: unknown;
  result_info?: { total_count?: number; count?: number };
}

function parseEnvelope(body: string): Envelope | null {
  try {
    const v = JSON.parse(body) as Envelope;
    return typeof v === "object" && v !== null && "success" in v ? v : null;
  } catch {
    return null;
  }
}

/** Whether the route exists and answers a correct page; the reason when it does not. */
export async function probeApi(baseUrl: string, a: ApiAccount): Promise<{ ok: boolean; note: string }> {
  const res = await request(listUrl(baseUrl, a.account), { headers: { authorization: `Bearer ${a.token}` } });
  const env = parseEnvelope(res.body);
  if (!env) return { ok: false, note: `GET /client/v4/accounts/:id/access/service_tokens answers ${res.status} without a v4 envelope: the route does not exist yet` };
  if (res.status !== 200 || !env.success) {
    return { ok: false, note: `the list route exists but answers ${res.status}: ${env.errors?.map((e) => `${e.code} ${e.message}`).join("; ")}` };
  }
  return { ok: true, note: "the REST API list route answers" };
}

function checked(name: string, url: string, token: string, expectRows: number, expectTotal: number): Case {
  return {
    name,
    run: async () => {
      const res = await request(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body.slice(0, 200)}`);
      const env = parseEnvelope(res.body);
      const rows = Array.isArray(env?.result) ? env.result.length : -1;
      const total = env?.result_info?.total_count;
      if (rows !== expectRows || (total !== undefined && total !== expectTotal)) {
        throw new Error(`${name}: ${rows} rows / total ${total}, expected ${expectRows} / ${expectTotal}`);
      }
    },
  };
}

export function listCase(baseUrl: string, a: ApiAccount): Case {
  return checked(`${a.label}/list`, listUrl(baseUrl, a.account), a.token, Math.min(50, a.account.tokens), a.account.tokens);
}

export function searchCase(baseUrl: string, a: ApiAccount): Case {
  return checked(`${a.label}/search`, searchUrl(baseUrl, a.account), a.token, SEARCH_MATCHES, SEARCH_MATCHES);
}

/**
 * Sustained creates: `connections` clients posting for `seconds`; every non-2xx answer is reported.
 * One connection against ten shows whether creates run in parallel or queue behind each other.
 */
export function createThroughput(baseUrl: string, a: ApiAccount, seconds: number, connections: number): Promise<Throughput> {
  return throughput({
    connections,
    url: collection(baseUrl, a.account.id),
    method: "POST",
    headers: { authorization: `Bearer ${a.token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench-create", duration: "8760h" }),
    duration: seconds,
  });
}
