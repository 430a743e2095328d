import http from "node:http";
import autocannon from "autocannon";

// A minimal HTTP client for sequential samples (one keep-alive connection, like a browser tab),
// next-auth's credentials sign-in, and the autocannon throughput runs.

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function request(url: string, opts: RequestOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
    const req = http.request(url, { method: opts.method ?? "GET", headers, agent, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${opts.method ?? "GET"} ${url}`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}

function setCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in the way the dashboard's form does (GET /api/auth/csrf, then POST the credentials with
 * the CSRF token and its cookie) and returns the Cookie header of the session.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await request(`${baseUrl}/api/auth/csrf`);
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  setCookies(jar, csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/service-tokens`, json: "true" });
  const res = await request(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: form.toString(),
  });
  setCookies(jar, res);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.body.slice(0, 200)}`);
  return cookieHeader(jar);
}

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  bad: number;
  seconds: number;
}

/** A fixed-length autocannon run; any non-2xx answer or error is counted, never hidden. */
export async function throughput(opts: autocannon.Options): Promise<Throughput> {
  const r = await autocannon({ connections: 10, duration: 5, timeout: 30, ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    ok: r["2xx"],
    bad: r.non2xx + r.errors + r.timeouts,
    seconds: r.duration,
  };
}
