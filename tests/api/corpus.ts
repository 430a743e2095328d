import { randomUUID } from "node:crypto";
import { routes } from "../../lib/api/routes";

// The malformed-request corpus of malformed.test.ts: every case with the answer it must get.
// Plain functions of a fixture and a seed, so a failing case can be replayed outside Vitest.

export interface Case {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  status: number;
  code?: number;
  /** The error message must start with this (for 400s: `invalid request: <field>`). */
  message?: string;
}

/** mulberry32: small, seedable, good enough to pick cases. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

// Values that are wrong for each field, whatever else the body holds.
const BAD_NAMES: unknown[] = [123, 0, true, false, [], ["a"], {}, { name: "x" }, "", "   ", "\t\n", "a".repeat(256), "é".repeat(256), "😀".repeat(256), "nul\u0000byte", "\u0000", "lone \ud800 surrogate", "\udfff", "x".repeat(20_000),
  "line\nbreak", "tab\tbed", "bell\u0007", "esc\u001b[2J", "\u202eRTL", "a\u2066b\u2069", "a\u200fb", "a\u2028b"];
const BAD_DURATIONS: unknown[] = [5, 8760, true, [], {}, "1y", "30d", "-5h", "+5h", "0s", "0", "", " ", "forever ", "Forever", "876001h", "876000h1ns", "h", "5", "5H", "5min", "5sec", "5hr", "5 h", "1e3h", "0.0000000001s", "999ms", ".h", "1h-1m", "∞", "8760h\u0000", "x".repeat(70)];
const BAD_ENABLED: unknown[] = ["true", "false", 1, 0, "yes", [], {}, "on"];
const BAD_VERSIONS = (stored: number): unknown[] => ["2", 1.5, 0, -1, 1e12, "1e400", [], true, {}, stored + 2, stored + 100];
const BAD_DATES: unknown[] = ["tomorrow", 123, 1767225600, true, [], {}, "", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01T25:00:00Z", "01/02/2026", "2026-01-01T00:00:00+0530", "\u0000"];
const JUNK_VALUES: unknown[] = [null, 1, -1e308, "x", "😀", "\u202etxt", [], [[[[[]]]]], { a: { b: { c: {} } } }, "x".repeat(2000), Array.from({ length: 200 }, (_, i) => i), true];
const BAD_JSON = [
  "{", "}", "{\"name\":", "{\"name\":\"x\",}", "{'name':'x'}", "{name:\"x\"}", "nul", "tru", "[1,2", "{\"a\":1}}", "\"unterminated",
  "{\"name\":\"\\x41\"}", "{\"name\":\"\\ud800\\u\"}", "NaN", "Infinity", "-", "01", "{\"name\":01}", "{\"name\":\"x\"} trailing", "\u0000",
  "{\"name\"\u0000:\"x\"}", "<xml/>", "name=x&duration=8760h", "{\"name\":\"x\"", "{\"a\":" + "[".repeat(5000), "\ufeff{", "{\"name\":\"\t\"}",
];
const NON_OBJECTS = ["[]", "[{\"name\":\"x\"}]", "\"x\"", "1", "-0", "true", "false", "null", "1e400"];
const BAD_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), Buffer.from([0xc0, 0xaf])];
// Ids only: "%2e%2e" and empty segments are Next's to redirect, see pre-route.test.ts.
const BAD_IDS = ["not-a-uuid", "1", "0", "-1", "00000000-0000-0000-0000-000000000000", "'OR'1'='1", "%27%20OR%201%3D1", "a%2Fb", "%F0%9F%98%80", "%00", "null", "undefined", "x".repeat(500), "12345678-1234-1234-1234-1234567890123", "{id}", "...", "%2ex"];
const BAD_PAGES = ["0", "-1", "abc", "1.5", "", "1e3", "99999999999999999999", "1000001", "%201", "0x10", "+1", "1,2"];
const BAD_PER_PAGES = ["0", "5000", "abc", "-5", "1001", "", "50.0", "1e2", "%2050"];
const AUTH_GARBAGE = ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer a b", "bearer", "Bearer " + "A".repeat(39), "Bearer " + "A".repeat(41), "Bearer " + "%".repeat(40), "B".repeat(4000)];

export interface CorpusFixture {
  accountId: string;
  otherAccountId: string;
  /** A Service Tokens Write token of accountId. */
  token: string;
  /** An existing service token of accountId, and its client_secret_version. */
  tokenId: string;
  version: number;
  /** Access: Apps and Policies Write, and Access: Audit Logs Read, tokens of accountId. */
  appsToken: string;
  auditToken: string;
  /** An application of accountId with `policy` attached, as GET returns it. */
  app: { id: string; domain: string } & Record<string, unknown>;
  /** A reusable policy of accountId, as GET returns it. */
  policy: { id: string } & Record<string, unknown>;
  /** The stored key_rotation_interval_days (the settings row exists). */
  keyRotationIntervalDays: number;
  /** A Notifications Write token of accountId. */
  notificationsToken: string;
  /** An alert policy (no recipients) and a webhook destination of accountId, as GET returns them. */
  alertPolicy: { id: string } & Record<string, unknown>;
  webhook: { id: string } & Record<string, unknown>;
  /** Objects of otherAccountId: 404 on our account's paths, like unknown ones. */
  foreign: { tokenId: string; appId: string; policyId: string; alertPolicyId: string; webhookId: string };
}

type ObjectParam = "id" | "app_id" | "policy_id" | "alert_policy_id" | "webhook_id";

/** The id parameter of an object route; null for collections and singletons (keys, logs). */
export function objectParam(pattern: string): ObjectParam | null {
  const m = /:(id|app_id|policy_id|alert_policy_id|webhook_id)(?:\/|$)/.exec(pattern);
  return m ? (m[1] as ObjectParam) : null;
}

/** A route's pattern made concrete: `account` (default ours) and the fixture's own object. */
function concrete(f: CorpusFixture, pattern: string, opts: { account?: string; id?: string } = {}): string {
  const param = objectParam(pattern);
  const own = { id: f.tokenId, app_id: f.app.id, policy_id: f.policy.id, alert_policy_id: f.alertPolicy.id, webhook_id: f.webhook.id };
  const path = pattern.replace(":account_id", opts.account ?? f.accountId);
  return `/client/v4${param ? path.replace(`:${param}`, opts.id ?? own[param]) : path}`;
}

/** The fixture token that holds a route's permission. */
function tokenFor(f: CorpusFixture, pattern: string): string {
  if (pattern.includes("/alerting/")) return f.notificationsToken;
  if (pattern.includes("/access/logs/")) return f.auditToken;
  if (/\/access\/(apps|policies|keys)/.test(pattern)) return f.appsToken;
  return f.token;
}

export function buildCorpus(f: CorpusFixture, rnd: ReturnType<typeof prng>): Case[] {
  const A = f.accountId;
  const auth = { authorization: `Bearer ${f.token}` };
  const json = { ...auth, "content-type": "application/json" };
  const ST = `/client/v4/accounts/${A}/access/service_tokens`;
  const E = `${ST}/${f.tokenId}`;
  const unknownId = () => `${ST}/${randomUUID()}`;
  const cases: Case[] = [];
  const add = (c: Case) => cases.push(c);
  const body = (v: unknown) => JSON.stringify(v);

  // Where a JSON body is parsed, and the status a well-formed but wrong body gets.
  const bodyTargets = [
    { label: "create", method: "POST", path: () => ST },
    { label: "update", method: "PUT", path: () => E },
    { label: "rotate", method: "POST", path: () => `${E}/rotate` },
  ];

  // 1. Broken JSON, non-objects and bad UTF-8: 400 wherever a body is parsed.
  for (const t of bodyTargets) {
    for (const b of BAD_JSON) add({ label: `${t.label}: bad JSON ${JSON.stringify(b.slice(0, 20))}`, method: t.method, path: t.path(), headers: json, body: b, status: 400, code: 10001 });
    for (const b of NON_OBJECTS) add({ label: `${t.label}: non-object ${b}`, method: t.method, path: t.path(), headers: json, body: b, status: 400, code: 10001 });
    for (const b of BAD_UTF8) add({ label: `${t.label}: bad UTF-8`, method: t.method, path: t.path(), headers: json, body: b, status: 400, code: 10001 });
  }

  // JSON numbers beyond a double parse as Infinity: refused where the field is read.
  add({ label: "create: duration 1e400", method: "POST", path: ST, headers: json, body: '{"name":"x","duration":1e400}', status: 400, code: 10001 });
  add({ label: "update: version 1e400", method: "PUT", path: E, headers: json, body: '{"client_secret_version":1e400}', status: 400, code: 10001 });
  add({ label: "rotate: grace 1e400", method: "POST", path: `${E}/rotate`, headers: json, body: '{"previous_client_secret_expires_at":1e400}', status: 400, code: 10001 });

  // 2. Wrong values of each field, alone and mixed with valid and unknown fields (random).
  const validCreate = () => ({ name: `fuzz-${rnd.int(1e6)}`, ...(rnd.next() < 0.5 ? { duration: rnd.pick(["8760h", "forever", "1.5h"]) } : {}) });
  // Null-prototype objects, so that "__proto__" is sent as an ordinary key.
  const withJunk = (fields: Record<string, unknown>) => {
    const o: Record<string, unknown> = Object.assign(Object.create(null), fields);
    for (let i = rnd.int(4); i > 0; i--) o[rnd.pick(["foo", "id", "client_id", "client_secret", "created_at", "__proto__", "constructor", "x".repeat(300), "😀", ""])] = rnd.pick(JUNK_VALUES);
    return o;
  };
  const badField = (): [string, unknown] => {
    const field = rnd.pick(["name", "duration", "enabled", "name", "duration"]);
    if (field === "name") return ["name", rnd.pick(BAD_NAMES)];
    if (field === "duration") return ["duration", rnd.pick(BAD_DURATIONS)];
    return ["enabled", rnd.pick(BAD_ENABLED)];
  };
  for (let i = 0; i < 900; i++) {
    const o: Record<string, unknown> = withJunk(validCreate());
    const [k, v] = badField();
    o[k] = v;
    if (rnd.next() < 0.1) delete o.name;
    const text = body(o);
    const tooBig = Buffer.byteLength(text) > 65536;
    add({ label: `create: bad ${k}`, method: "POST", path: ST, headers: json, body: text, status: tooBig ? 413 : 400, code: tooBig ? 10413 : 10001 });
  }
  for (let i = 0; i < 700; i++) {
    const o: Record<string, unknown> = withJunk({});
    if (rnd.next() < 0.5) o.name = "fuzz-renamed";
    if (rnd.next() < 0.3) o.duration = "17520h";
    const pickBad = rnd.int(5);
    if (pickBad === 0) o.client_secret_version = rnd.pick(BAD_VERSIONS(f.version));
    else if (pickBad === 1) o.previous_client_secret_expires_at = rnd.pick(BAD_DATES);
    else {
      const [k, v] = badField();
      o[k] = v;
    }
    const text = body(o);
    const tooBig = Buffer.byteLength(text) > 65536;
    add({ label: "update: bad field", method: "PUT", path: E, headers: json, body: text, status: tooBig ? 413 : 400, code: tooBig ? 10413 : 10001 });
  }
  for (const d of BAD_DATES) {
    add({ label: `rotate: bad date ${String(d)}`, method: "POST", path: `${E}/rotate`, headers: json, body: body(withJunk({ previous_client_secret_expires_at: d })), status: 400, code: 10001 });
  }

  // 3. Bodies that change nothing: unknown and read-only fields only, nulls, the stored values.
  const noOps: Record<string, unknown>[] = [
    {}, { foo: 1 }, { id: randomUUID(), client_id: "x.access", created_at: "garbage", updated_at: 1, expires_at: null, last_seen_at: [] },
    { name: null }, { duration: null, enabled: null, client_secret_version: null, previous_client_secret_expires_at: null },
    { client_secret_version: f.version }, { client_secret_version: Math.max(1, f.version - 1) },
    { previous_client_secret_expires_at: "2000-01-01T00:00:00Z" }, { client_secret: "0".repeat(64) }, { nested: { deep: [[[{}]]] } },
  ];
  for (const o of noOps) add({ label: `update no-op ${body(o).slice(0, 40)}`, method: "PUT", path: E, headers: json, body: body(o), status: 200 });

  // 4. Over 64 KiB: 413 before anything reads the body, on every route that takes one, even for an
  //    existing token (nothing may be deleted, refreshed or rotated by it), with and without a length.
  const big = body({ name: "x".repeat(70_000) });
  const justOver = "{" + " ".repeat(65535 - 1) + "}" + " ";
  const justAt = "{" + " ".repeat(65536 - 2) + "}";
  for (const [method, path] of [["POST", ST], ["PUT", E], ["DELETE", E], ["POST", `${E}/refresh`], ["POST", `${E}/rotate`]] as const) {
    add({ label: `${method} ${path}: 70 KB body`, method, path, headers: json, body: big, status: 413, code: 10413 });
    add({ label: `${method} ${path}: 70 KB chunked`, method, path, headers: json, body: big, chunked: true, status: 413, code: 10413 });
    add({ label: `${method} ${path}: 64 KiB + 1`, method, path, headers: json, body: justOver, status: 413, code: 10413 });
  }
  add({ label: "create: exactly 64 KiB, no name", method: "POST", path: ST, headers: json, body: justAt, status: 400, code: 10001 });
  add({ label: "update: exactly 64 KiB of nothing", method: "PUT", path: E, headers: json, body: justAt, status: 200 });

  // 5. Ids that are malformed, unknown or another account's: 404 12135 on every object route.
  const foreignOf = { id: f.foreign.tokenId, app_id: f.foreign.appId, policy_id: f.foreign.policyId, alert_policy_id: f.foreign.alertPolicyId, webhook_id: f.foreign.webhookId };
  for (const r of routes) {
    const param = objectParam(r.pattern);
    if (!param) continue;
    const headers = { authorization: `Bearer ${tokenFor(f, r.pattern)}`, "content-type": "application/json" };
    for (const id of [...BAD_IDS, randomUUID(), randomUUID().toUpperCase(), foreignOf[param]]) {
      const path = concrete(f, r.pattern, { id });
      // A body the route would accept, so that only the id can be wrong.
      const b = r.method === "PUT" ? body(validBodyFor(r.pattern)) : r.method === "POST" || r.method === "DELETE" ? body({}) : undefined;
      add({ label: `${r.method} ${r.pattern}: id ${id.slice(0, 30)}`, method: r.method, path, headers, body: b, status: 404, code: 12135, message: "access.api.error.not_found" });
    }
  }

  // 6. Wrong methods on every known path: 405 10405.
  const patterns = [...new Set(routes.map((r) => r.pattern))];
  for (const p of patterns) {
    const allowed = new Set<string>(routes.filter((r) => r.pattern === p).map((r) => r.method));
    const path = concrete(f, p);
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) => !allowed.has(m))) {
      for (let i = 0; i < 3; i++) add({ label: `${m} ${p}`, method: m, path, headers: json, body: i === 0 ? undefined : body({ name: "x" }), status: 405, code: 10405 });
    }
  }

  // 7. Bad query parameters on every list: 400 10001.
  for (const list of ["/client/v4/accounts", ST]) {
    for (const v of BAD_PAGES) add({ label: `${list}?page=${v}`, method: "GET", path: `${list}?page=${v}`, headers: auth, status: 400, code: 10001 });
    for (const v of BAD_PER_PAGES) add({ label: `${list}?per_page=${v}`, method: "GET", path: `${list}?per_page=${v}`, headers: auth, status: 400, code: 10001 });
    add({ label: `${list}: page twice`, method: "GET", path: `${list}?page=1&page=2`, headers: auth, status: 400, code: 10001 });
    add({ label: `${list}: long name`, method: "GET", path: `${list}?name=${"n".repeat(256)}`, headers: auth, status: 400, code: 10001 });
    add({ label: `${list}: NUL name`, method: "GET", path: `${list}?name=a%00b`, headers: auth, status: 400, code: 10001 });
    // Harmless oddities answer 200.
    for (const q of ["page=999999", "per_page=1000", "per_page=1", "name=", "foo=bar", "name=%F0%9F%98%80", "direction=sideways", "page=%31"]) {
      add({ label: `${list}?${q}`, method: "GET", path: `${list}?${q}`, headers: auth, status: 200 });
    }
  }
  add({ label: "search: long", method: "GET", path: `${ST}?search=${"s".repeat(256)}`, headers: auth, status: 400, code: 10001 });
  add({ label: "search: NUL", method: "GET", path: `${ST}?search=%00`, headers: auth, status: 400, code: 10001 });
  for (const s of ["%25", "_", "%5C", "'", "%22", "%F0%9F%98%80", "%E2%80%AE"]) add({ label: `search ${s}`, method: "GET", path: `${ST}?search=${s}`, headers: auth, status: 200 });

  // 8. Account ids that are not the token's, malformed or not: 403 10000 on every account route.
  for (const r of routes.filter((r) => r.pattern.includes(":account_id"))) {
    for (const acc of ["x", "0".repeat(32), A.toUpperCase(), `${A}0`, A.slice(0, 31), f.otherAccountId, "%00", "a%2Fb"]) {
      const path = concrete(f, r.pattern, { account: acc });
      add({ label: `${r.method} ${r.pattern}: account ${acc.slice(0, 12)}`, method: r.method, path, headers: { authorization: `Bearer ${tokenFor(f, r.pattern)}`, "content-type": "application/json" }, body: r.method === "GET" ? undefined : body({ name: "x" }), status: 403, code: 10000 });
    }
  }

  // 9. Unknown paths: 404 7003.
  for (const p of [
    "/client/v4/nope", "/client/v4/user", "/client/v4/user/tokens", "/client/v4/user/tokens/verify/x", `/client/v4/accounts/${A}`,
    `/client/v4/accounts/${A}/access`, `${ST}z`, `${E}/extra`, `${E}/refresh/x`, `${E}/rotate/x`, "/client/v4/accounts/x/y/z/w/v/u",
    `/client/v4/client/v4/accounts`, `/client/v4/accounts/${A}/access/service_tokens.json`, "/client/v4/ACCOUNTS",
  ]) {
    for (const m of ["GET", "POST", "PUT", "DELETE", "PATCH"]) add({ label: `${m} ${p}`, method: m, path: p, headers: json, body: m === "GET" ? undefined : "{}", status: 404, code: 7003 });
  }

  // 10. Credentials that are not credentials: 401.
  for (const r of routes) {
    const path = concrete(f, r.pattern);
    for (const h of AUTH_GARBAGE) add({ label: `${r.method} ${r.pattern}: auth ${h.slice(0, 12)}`, method: r.method, path, headers: { authorization: h }, body: r.method === "GET" ? undefined : "{}", status: 401, code: 9109 });
    add({ label: `${r.method} ${r.pattern}: X-Auth-Key only`, method: r.method, path, headers: { "x-auth-key": "k", "x-auth-email": "a@b.c" }, status: 401, code: 9106 });
    add({ label: `${r.method} ${r.pattern}: empty authorization`, method: r.method, path, headers: { authorization: "" }, status: 401, code: 9106 });
  }
  cases.push(...buildAccessCases(f, rnd, withJunk));
  cases.push(...buildAlertingCases(f, rnd, withJunk));
  return cases;
}

// ---- Access: applications, policies, signing keys, access logs --------------------------------

/** A body each body-taking Access route accepts (a fresh domain each time: domains are unique). */
function validBodyFor(pattern: string): Record<string, unknown> {
  if (pattern.endsWith("/webhooks/:webhook_id")) return { name: "fuzz-hook", url: "https://hooks.example.com/fuzz" };
  if (/\/apps(\/:app_id)?$/.test(pattern)) return { name: "fuzz-app", domain: `fuzz-${randomUUID().slice(0, 8)}.example.com` };
  if (/\/policies(\/:policy_id)?$/.test(pattern)) return { name: "fuzz-policy", decision: "non_identity", include: [{ any_valid_service_token: {} }] };
  if (pattern.endsWith("/keys")) return { key_rotation_interval_days: 42 };
  return { name: "x" };
}

const BAD_DOMAINS: unknown[] = [
  5, true, [], {}, null, "", " ", "https://x.example.com", "x.example.com:8080", "*.example.com", "x.*.example.com", "x..example.com", "-x.example.com",
  "x-.example.com", "_x.example.com", "x.example.com/a//b", "x.example.com/../a", "x.example.com/./a", "x.example.com/a?b", "x.example.com/a#b",
  "x example.com", "x.example.com/a b", "x.example.com/a*", "é.example.com", "x.example.com/é", "\u0000", "x.example.com/\u0000", "x.example.com/\ud800",
  `${"a".repeat(64)}.example.com`, `${`${"a".repeat(60)}.`.repeat(5)}com`, `x.example.com/${"p".repeat(600)}`, "x.example.com/%zz", "x.example.com/%", ".", "/", "/path",
];
const BAD_APP_TYPES: unknown[] = ["saas", "SELF_HOSTED", "self-hosted", "", "ssh", "bookmark", 1, null, [], {}, true];
/** Wrong as a session duration (1s..8760h), for applications and policies alike. */
const BAD_SESSIONS: unknown[] = [
  24, true, [], {}, "1y", "30d", "-5h", "+5h", "0s", "0", "", " ", "forever", "forever ", "Forever", "8761h", "8760h1ns", "876001h", "500ms", "999999us",
  "h", "5", "5H", "5min", "5sec", "5hr", "5 h", "1e3h", "0.0000000001s", ".h", "1h-1m", "∞", "24h\u0000", "x".repeat(70),
];
const BAD_HEADER_NAMES: unknown[] = [5, true, [], {}, "X Header", "X:Y", "x/y", "x@y", "(x)", "é", "X-\u0000", "\ud800", "a".repeat(256), "x\ty", "\"x\""];
const BAD_DECISIONS: unknown[] = ["Allow", "ALLOW", "block", "service_auth", "Service Auth", "non-identity", "", " allow", 1, null, [], {}, true];
const BAD_INTERVALS: unknown[] = [0, 366, -1, 1.5, 41.9, "42", "", null, [], {}, true, 1e9];

/** Wrong as a rule list (each one, also where an empty list would do). */
function badRuleLists(f: CorpusFixture): unknown[] {
  const one = (rule: unknown) => [{ everyone: {} }, rule];
  return [
    "x", 5, {}, true, [5], [null], ["everyone"], [[]], [{}], [{ everyone: {}, any_valid_service_token: {} }], [{ everyone: { x: 1 } }], [{ everyone: null }],
    [{ everyone: [] }], [{ unknown: {} }], [{ certificate: {} }], [{ group: { id: "x" } }], one({ ip: { ip: "300.1.1.1" } }), one({ ip: { ip: "10.0.0.0/33" } }),
    one({ ip: { ip: "010.0.0.1" } }), one({ ip: { ip: "10.0.0.0/08" } }), one({ ip: { ip: "::g" } }), one({ ip: { ip: "1.2.3.4/24/1" } }), one({ ip: {} }),
    one({ ip: { ip: "1.2.3.4", x: 1 } }), one({ ip: { ip: 16909060 } }), one({ email: { email: "not-an-email" } }), one({ email: { email: "a@b.c\u0000" } }),
    one({ email: { email: `${"a".repeat(320)}@example.com` } }), one({ email_domain: { domain: "*.example.com" } }), one({ email_domain: { domain: "x..com" } }),
    one({ email_domain: { domain: "@example.com" } }), one({ service_token: { token_id: "x" } }), one({ service_token: {} }), one({ service_token: { token_id: 1 } }),
    // Well-formed ids of no token of this account: an unknown one, and the other account's.
    one({ service_token: { token_id: randomUUID() } }), one({ service_token: { token_id: f.foreign.tokenId } }),
    Array.from({ length: 201 }, () => ({ everyone: {} })),
  ];
}

/** Wrong as an application's `policies`. */
function badPolicyRefs(f: CorpusFixture): unknown[] {
  const p = f.policy.id;
  return [
    "x", 5, {}, true, p, [5], [null], [true], [[]], ["not-a-uuid"], [""], [randomUUID()], [f.foreign.policyId], [p, p], [p, p.toUpperCase()],
    [{ id: p, precedence: 0 }], [{ id: p, precedence: -1 }], [{ id: p, precedence: 1.5 }], [{ id: p, precedence: "1" }], [{ id: p, precedence: 1e7 }],
    [{ id: p, precedence: null }], [{ precedence: 1 }], [{ id: 5 }], [{ id: null }], [{ id: p, precedence: 2 }, { id: randomUUID(), precedence: 2 }],
    [{ id: p }, { id: f.foreign.policyId }], Array.from({ length: 51 }, () => randomUUID()),
  ];
}

/** The cases of one section, and `refuse`: a 400 naming `field`, or a 413 when the body grew past 64 KiB. */
function section(headers: Record<string, string>) {
  const cases: Case[] = [];
  const add = (c: Case) => void cases.push(c);
  const body = (v: unknown) => JSON.stringify(v);
  const refuse = (label: string, method: string, path: string, o: unknown, field: string) => {
    const text = body(o);
    const tooBig = Buffer.byteLength(text) > 65536;
    add({
      label, method, path, headers, body: text,
      status: tooBig ? 413 : 400, code: tooBig ? 10413 : 10001, ...(tooBig ? {} : { message: `invalid request: ${field}` }),
    });
  };
  return { cases, add, body, refuse };
}

export function buildAccessCases(
  f: CorpusFixture,
  rnd: ReturnType<typeof prng>,
  withJunk: (fields: Record<string, unknown>) => Record<string, unknown>,
): Case[] {
  const appsJson = { authorization: `Bearer ${f.appsToken}`, "content-type": "application/json" };
  const { cases, add, body, refuse } = section(appsJson);
  const appsAuth = { authorization: `Bearer ${f.appsToken}` };
  const auditAuth = { authorization: `Bearer ${f.auditToken}` };
  const base = `/client/v4/accounts/${f.accountId}/access`;
  const APPS = `${base}/apps`;
  const APP = `${APPS}/${f.app.id}`;
  const POLICIES = `${base}/policies`;
  const POLICY = `${POLICIES}/${f.policy.id}`;
  const KEYS = `${base}/keys`;
  const LOGS = `${base}/logs/access_requests`;

  // A1. Broken JSON, non-objects and bad UTF-8 wherever an Access body is parsed.
  for (const [label, method, path] of [["app create", "POST", APPS], ["app replace", "PUT", APP], ["policy create", "POST", POLICIES], ["policy replace", "PUT", POLICY], ["keys", "PUT", KEYS]] as const) {
    for (const b of BAD_JSON) add({ label: `${label}: bad JSON ${JSON.stringify(b.slice(0, 20))}`, method, path, headers: appsJson, body: b, status: 400, code: 10001, message: "invalid request: body" });
    for (const b of NON_OBJECTS) add({ label: `${label}: non-object ${b}`, method, path, headers: appsJson, body: b, status: 400, code: 10001, message: "invalid request: body" });
    for (const b of BAD_UTF8) add({ label: `${label}: bad UTF-8`, method, path, headers: appsJson, body: b, status: 400, code: 10001, message: "invalid request: body" });
    // An empty body is {}: every one of these has a required field.
    add({ label: `${label}: empty body`, method, path, headers: appsJson, body: "", status: 400, code: 10001 });
  }

  // A2. Applications: one wrong field in an otherwise valid body, on create and on replace.
  const storedApp = () => {
    const { id: _id, aud: _aud, created_at: _c, updated_at: _u, ...rest } = f.app;
    return rest;
  };
  const appFields: [string, () => unknown[]][] = [
    ["name", () => BAD_NAMES.concat([null])],
    ["domain", () => BAD_DOMAINS],
    ["type", () => BAD_APP_TYPES],
    ["session_duration", () => BAD_SESSIONS.concat([null])],
    ["read_service_tokens_from_header", () => BAD_HEADER_NAMES],
    ["service_auth_401_redirect", () => BAD_ENABLED.concat([null])],
    ["policies", () => badPolicyRefs(f)],
  ];
  for (let i = 0; i < 400; i++) {
    const [field, values] = rnd.pick(appFields);
    const create = i % 2 === 0;
    const o = withJunk(create ? { name: `fuzz-${rnd.int(1e6)}`, domain: `fuzz-${rnd.int(1e9)}.example.com` } : storedApp());
    o[field] = rnd.pick(values());
    refuse(`app ${create ? "create" : "replace"}: bad ${field}`, create ? "POST" : "PUT", create ? APPS : APP, o, field);
  }
  for (const missing of ["name", "domain"]) {
    const o = storedApp();
    delete o[missing];
    refuse(`app replace: no ${missing}`, "PUT", APP, o, missing);
    refuse(`app create: no ${missing}`, "POST", APPS, { ...o, domain: o.domain === undefined ? undefined : "fuzz-new.example.com" }, missing);
  }
  // A domain is unique in its account, however it is written.
  for (const d of [f.app.domain, f.app.domain.toUpperCase(), `${f.app.domain}/`, ` ${f.app.domain} `]) {
    add({ label: `app create: taken domain ${d}`, method: "POST", path: APPS, headers: appsJson, body: body({ name: "dup", domain: d }), status: 409, code: 11010, message: "conflict" });
  }

  // A3. Policies: one wrong field in an otherwise valid body, on create and on replace.
  const storedPolicy = () => {
    const { id: _id, app_count: _n, created_at: _c, updated_at: _u, ...rest } = f.policy;
    return rest;
  };
  const policyFields: [string, () => unknown[]][] = [
    ["name", () => BAD_NAMES.concat([null])],
    ["decision", () => BAD_DECISIONS],
    ["include", () => badRuleLists(f).concat([[], null])],
    ["require", () => badRuleLists(f)],
    ["exclude", () => badRuleLists(f)],
    ["session_duration", () => BAD_SESSIONS],
  ];
  for (let i = 0; i < 360; i++) {
    const [field, values] = rnd.pick(policyFields);
    const create = i % 2 === 0;
    const o = withJunk(create ? { name: `fuzz-${rnd.int(1e6)}`, decision: rnd.pick(["allow", "non_identity"]), include: [{ everyone: {} }] } : storedPolicy());
    o[field] = rnd.pick(values());
    refuse(`policy ${create ? "create" : "replace"}: bad ${field}`, create ? "POST" : "PUT", create ? POLICIES : POLICY, o, field);
  }
  // Still attached to the application: a conflict, and nothing is deleted.
  for (let i = 0; i < 3; i++) add({ label: "policy delete: attached", method: "DELETE", path: POLICY, headers: appsJson, status: 409, code: 11010, message: "conflict" });

  // A4. Signing-key settings.
  for (const v of BAD_INTERVALS) refuse(`keys: interval ${String(v)}`, "PUT", KEYS, withJunk({ key_rotation_interval_days: v }), "key_rotation_interval_days");
  add({ label: "keys: interval 1e400", method: "PUT", path: KEYS, headers: appsJson, body: '{"key_rotation_interval_days":1e400}', status: 400, code: 10001, message: "invalid request: key_rotation_interval_days" });

  // A5. Bodies that change nothing: the stored object put back, with read-only and unknown fields
  //     (an `aud` among them: it is immutable), and the rotation of keys that do not exist yet.
  const appNoOps: Record<string, unknown>[] = [
    storedApp(), f.app, { ...f.app, aud: "f".repeat(64), id: randomUUID(), created_at: "garbage" }, { ...storedApp(), domain: ` ${f.app.domain.toUpperCase()}/ ` },
    { ...storedApp(), policies: (f.app.policies as { id: string; precedence: number }[]).map((p) => ({ id: p.id.toUpperCase(), precedence: p.precedence })) },
    { ...storedApp(), foo: { nested: [[[{}]]] }, policy_count: 9 },
  ];
  for (const o of appNoOps) add({ label: `app replace no-op ${body(o).slice(0, 40)}`, method: "PUT", path: APP, headers: appsJson, body: body(o), status: 200 });
  const policyNoOps: Record<string, unknown>[] = [storedPolicy(), f.policy, { ...f.policy, app_count: 99, id: randomUUID(), reusable: true }, { ...storedPolicy(), require: null, exclude: null }];
  for (const o of policyNoOps) add({ label: `policy replace no-op ${body(o).slice(0, 40)}`, method: "PUT", path: POLICY, headers: appsJson, body: body(o), status: 200 });
  for (const o of [
    { key_rotation_interval_days: f.keyRotationIntervalDays },
    { key_rotation_interval_days: f.keyRotationIntervalDays, days_until_next_rotation: 1, last_key_rotation_at: "2000-01-01T00:00:00Z" },
  ]) {
    add({ label: `keys no-op ${body(o)}`, method: "PUT", path: KEYS, headers: appsJson, body: body(o), status: 200 });
  }
  // A rotation ignores its body, but it is a change: tests/api/apps-policies.test.ts sends these.

  // A6. Over 64 KiB: 413 before anything reads the body, on every Access route that takes one.
  const big = body({ name: "x".repeat(70_000) });
  const justOver = "{" + " ".repeat(65535 - 1) + "}" + " ";
  for (const [method, path] of [["POST", APPS], ["PUT", APP], ["DELETE", APP], ["POST", `${APP}/revoke_tokens`], ["POST", POLICIES], ["PUT", POLICY], ["DELETE", POLICY], ["PUT", KEYS], ["POST", `${KEYS}/rotate`]] as const) {
    add({ label: `${method} ${path}: 70 KB body`, method, path, headers: appsJson, body: big, status: 413, code: 10413 });
    add({ label: `${method} ${path}: 70 KB chunked`, method, path, headers: appsJson, body: big, chunked: true, status: 413, code: 10413 });
    add({ label: `${method} ${path}: 64 KiB + 1`, method, path, headers: appsJson, body: justOver, status: 413, code: 10413 });
  }

  // A7. Query parameters of the lists.
  for (const list of [APPS, POLICIES]) {
    for (const v of BAD_PAGES) add({ label: `${list}?page=${v}`, method: "GET", path: `${list}?page=${v}`, headers: appsAuth, status: 400, code: 10001, message: "invalid request: page" });
    for (const v of BAD_PER_PAGES) add({ label: `${list}?per_page=${v}`, method: "GET", path: `${list}?per_page=${v}`, headers: appsAuth, status: 400, code: 10001, message: "invalid request: per_page" });
    add({ label: `${list}: page twice`, method: "GET", path: `${list}?page=1&page=2`, headers: appsAuth, status: 400, code: 10001, message: "invalid request: page" });
    add({ label: `${list}: long search`, method: "GET", path: `${list}?search=${"s".repeat(256)}`, headers: appsAuth, status: 400, code: 10001, message: "invalid request: search" });
    add({ label: `${list}: NUL search`, method: "GET", path: `${list}?search=a%00b`, headers: appsAuth, status: 400, code: 10001, message: "invalid request: search" });
    for (const q of ["page=999999", "per_page=1000", "per_page=1", "search=", "foo=bar", "search=%F0%9F%98%80", "search=%25", "search=_", "search=%5C", "direction=sideways", "page=%31"]) {
      add({ label: `${list}?${q}`, method: "GET", path: `${list}?${q}`, headers: appsAuth, status: 200 });
    }
  }
  // Cloudflare's exact filters of applications are refused rather than ignored.
  for (const name of ["name", "domain", "aud", "exact", "target_attributes"]) {
    add({ label: `apps?${name}=x`, method: "GET", path: `${APPS}?${name}=x`, headers: appsAuth, status: 400, code: 10001, message: `invalid request: ${name}` });
  }
  const BAD_TIMES = ["", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "1767225600", "2026-01-01T00:00:00+0530", "%00"];
  for (const name of ["since", "until"]) {
    for (const v of BAD_TIMES) add({ label: `logs ${name}=${v}`, method: "GET", path: `${LOGS}?${name}=${v}`, headers: auditAuth, status: 400, code: 10001, message: `invalid request: ${name}` });
    add({ label: `logs ${name} twice`, method: "GET", path: `${LOGS}?${name}=2026-01-01T00:00:00Z&${name}=2026-01-02T00:00:00Z`, headers: auditAuth, status: 400, code: 10001, message: `invalid request: ${name}` });
  }
  add({ label: "logs until before since", method: "GET", path: `${LOGS}?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z`, headers: auditAuth, status: 400, code: 10001, message: "invalid request: until" });
  for (const v of ["0", "1001", "abc", "1.5", "-1", "", "1e2", "0x10", "%2010"]) {
    add({ label: `logs limit=${v}`, method: "GET", path: `${LOGS}?limit=${v}`, headers: auditAuth, status: 400, code: 10001, message: "invalid request: limit" });
  }
  for (const v of ["sideways", "DESC", "", "ascending"]) {
    add({ label: `logs direction=${v}`, method: "GET", path: `${LOGS}?direction=${v}`, headers: auditAuth, status: 400, code: 10001, message: "invalid request: direction" });
  }
  for (const v of BAD_PAGES) add({ label: `logs page=${v}`, method: "GET", path: `${LOGS}?page=${v}`, headers: auditAuth, status: 400, code: 10001, message: "invalid request: page" });
  for (const name of ["email", "email_exact", "user_id"]) {
    add({ label: `logs ${name}`, method: "GET", path: `${LOGS}?${name}=x`, headers: auditAuth, status: 400, code: 10001, message: `invalid request: ${name}` });
  }
  for (const q of ["limit=1000", "limit=1", "direction=asc", "direction=desc", "since=2000-01-01T00:00:00Z", "until=2999-01-01T00:00:00%2B02:00", "per_page=5", "page=99999", "fields=x", "allowedOp=eq", "foo=bar"]) {
    add({ label: `logs ?${q}`, method: "GET", path: `${LOGS}?${q}`, headers: auditAuth, status: 200 });
  }

  // A8. Paths next to the Access routes: 404 7003.
  for (const p of [
    `${base}/app`, `${APPS}z`, `${APP}/extra`, `${APP}/revoke_tokens/x`, `${APP}/revoke`, `${APP}/policies`, `${POLICY}/x`, `${KEYS}/x`, `${KEYS}/rotate/x`,
    `${base}/logs`, `${LOGS}/x`, `${base}/logs/scim`, `/client/v4/accounts/${f.accountId}/access/apps.json`,
  ]) {
    for (const m of ["GET", "POST", "PUT", "DELETE"]) add({ label: `${m} ${p}`, method: m, path: p, headers: appsJson, body: m === "GET" ? undefined : "{}", status: 404, code: 7003 });
  }
  return cases;
}

// ---- Notifications: alert policies, webhook destinations, history -----------------------------

const BAD_ALERT_TYPES: unknown[] = ["universal_ssl_event_type", "Expiring_Service_Token_Alert", "expiring_service_token_alert ", "", 1, true, [], {}];
const BAD_EMAIL_MECHANISMS: unknown[] = [
  "ops@example.com", [{ id: "not-an-email" }], [{ id: "" }], [{ id: 5 }], [{}], ["ops@example.com"], [{ id: "a@b" }], [{ id: "ops@example.com\u0000" }],
  [{ id: `${"a".repeat(320)}@example.com` }], [{ id: "x@example.com" }, { id: "X@example.com" }], Array.from({ length: 51 }, (_, i) => ({ id: `r${i}@example.com` })), {},
];
const BAD_LEAD_TIMES: unknown[] = ["7", 7, [7], ["10"], ["0"], [], ["7", "7"], ["seven"], [" 7"], [null], [{}], ["30", "14", "7", "3", "1", "30"]];
const BAD_URLS: unknown[] = [
  5, true, [], {}, "", " ", "example.com/hook", "ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "data:text/plain,x", "https://", "http://",
  "https://user:pw@example.com/", "https://:pw@example.com/", `https://example.com/${"p".repeat(2100)}`, "https://exa mple.com/", "https://example.com/\u0000",
  "ws://example.com/", "//example.com/x",
];
const BAD_SECRETS: unknown[] = [5, true, [], {}, " leading", "trailing ", "line\nbreak", "tab\tinside", "nul\u0000", "é", "x".repeat(1025), "\ud800"];

function buildAlertingCases(
  f: CorpusFixture,
  rnd: ReturnType<typeof prng>,
  withJunk: (fields: Record<string, unknown>) => Record<string, unknown>,
): Case[] {
  const headers = { authorization: `Bearer ${f.notificationsToken}`, "content-type": "application/json" };
  const { cases, add, body, refuse } = section(headers);
  const auth = { authorization: `Bearer ${f.notificationsToken}` };
  const base = `/client/v4/accounts/${f.accountId}/alerting/v3`;
  const POLICIES = `${base}/policies`;
  const POLICY = `${POLICIES}/${f.alertPolicy.id}`;
  const HOOKS = `${base}/destinations/webhooks`;
  const HOOK = `${HOOKS}/${f.webhook.id}`;
  const HISTORY = `${base}/history`;
  const policy = (extra: Record<string, unknown> = {}) => withJunk({ alert_type: "expiring_service_token_alert", name: `fuzz-${rnd.int(1e6)}`, enabled: false, ...extra });
  const hook = (extra: Record<string, unknown> = {}) => withJunk({ name: `fuzz-${rnd.int(1e6)}`, url: "https://hooks.example.com/fuzz", ...extra });

  // N1. Broken JSON, non-objects and bad UTF-8 wherever an alerting body is parsed.
  for (const [method, path] of [["POST", POLICIES], ["PUT", POLICY], ["POST", HOOKS], ["PUT", HOOK]] as const) {
    for (const b of BAD_JSON) add({ label: `${method} ${path}: bad JSON`, method, path, headers, body: b, status: 400, code: 10001 });
    for (const b of NON_OBJECTS) add({ label: `${method} ${path}: non-object ${b}`, method, path, headers, body: b, status: 400, code: 10001 });
    for (const b of BAD_UTF8) add({ label: `${method} ${path}: bad UTF-8`, method, path, headers, body: b, status: 400, code: 10001 });
  }

  // N2. Alert policies: each wrong field, on create and on update, named in the 400.
  for (const [method, path] of [["POST", POLICIES], ["PUT", POLICY]] as const) {
    for (const v of BAD_ALERT_TYPES) refuse(`${method} policy: alert_type ${String(v)}`, method, path, policy({ alert_type: v }), "alert_type");
    for (const v of BAD_NAMES) refuse(`${method} policy: name`, method, path, policy({ name: v }), "name");
    for (const v of BAD_ENABLED) refuse(`${method} policy: enabled ${String(v)}`, method, path, policy({ enabled: v }), "enabled");
    for (const v of [5, true, [], {}, "x".repeat(1025), "nul\u0000", "\udfff"]) refuse(`${method} policy: description`, method, path, policy({ description: v }), "description");
    for (const v of BAD_EMAIL_MECHANISMS) refuse(`${method} policy: email ${body(v).slice(0, 30)}`, method, path, policy({ mechanisms: { email: v } }), "mechanisms.email");
    for (const v of [[{ id: "x" }], [{ id: randomUUID() }], [{ id: f.foreign.webhookId }], [{ id: f.webhook.id }, { id: f.webhook.id }], [{ id: null }], "x", [5]]) {
      refuse(`${method} policy: webhooks ${body(v).slice(0, 40)}`, method, path, policy({ mechanisms: { webhooks: v } }), "mechanisms.webhooks");
    }
    for (const m of ["pagerduty", "slack", "sms"]) refuse(`${method} policy: mechanism ${m}`, method, path, policy({ mechanisms: { [m]: [{ id: "x" }] } }), `mechanisms.${m}`);
    for (const v of [5, "x", [], true]) refuse(`${method} policy: mechanisms ${body(v)}`, method, path, policy({ mechanisms: v }), "mechanisms");
    for (const v of BAD_LEAD_TIMES) refuse(`${method} policy: lead ${body(v)}`, method, path, policy({ filters: { days_before_expiration: v } }), "filters.days_before_expiration");
    for (const v of [["x"], [5], [randomUUID()], [f.foreign.tokenId], "x"]) refuse(`${method} policy: token_id ${body(v).slice(0, 30)}`, method, path, policy({ filters: { token_id: v } }), "filters.token_id");
    for (const k of ["zones", "services", "enabled"]) refuse(`${method} policy: filter ${k}`, method, path, policy({ filters: { [k]: ["x"] } }), `filters.${k}`);
    for (const v of [5, "x", [], true]) refuse(`${method} policy: filters ${body(v)}`, method, path, policy({ filters: v }), "filters");
  }
  refuse("POST policy: no alert_type", "POST", POLICIES, { name: "x" }, "alert_type");
  refuse("POST policy: no name", "POST", POLICIES, { alert_type: "expiring_service_token_alert" }, "name");

  // N3. Webhook destinations: each wrong field, named; create and PUT both need name and url.
  for (const [method, path] of [["POST", HOOKS], ["PUT", HOOK]] as const) {
    for (const v of BAD_URLS) refuse(`${method} hook: url ${String(v).slice(0, 30)}`, method, path, hook({ url: v }), "url");
    for (const v of BAD_NAMES) refuse(`${method} hook: name`, method, path, hook({ name: v }), "name");
    for (const v of BAD_SECRETS) refuse(`${method} hook: secret ${String(v).slice(0, 12)}`, method, path, hook({ secret: v }), "secret");
    refuse(`${method} hook: no url`, method, path, { name: "x" }, "url");
    refuse(`${method} hook: no name`, method, path, { url: "https://hooks.example.com/x" }, "name");
  }

  // N4. Bodies that change nothing: the stored objects put back with read-only and unknown fields,
  //     nulls, and a policy PUT of nothing at all (Cloudflare's update has every field optional).
  for (const o of [f.alertPolicy, { ...f.alertPolicy, id: randomUUID(), created: "garbage", modified: 1, alert_interval: "1h" }, {}, { name: null, enabled: null, filters: null, mechanisms: null }]) {
    add({ label: `policy no-op ${body(o).slice(0, 40)}`, method: "PUT", path: POLICY, headers, body: body(o), status: 200 });
  }
  for (const o of [f.webhook, { ...f.webhook, id: randomUUID(), type: "slack", last_success: "x", secret: null }]) {
    add({ label: `hook no-op ${body(o).slice(0, 40)}`, method: "PUT", path: HOOK, headers, body: body(o), status: 200 });
  }
  // Still named by a policy: a conflict, and nothing is deleted.
  for (let i = 0; i < 3; i++) add({ label: "hook delete: in use", method: "DELETE", path: HOOK, headers, status: 409, code: 11010, message: "conflict" });

  // N5. Over 64 KiB: 413 before anything reads the body.
  const big = body({ name: "x".repeat(70_000) });
  for (const [method, path] of [["POST", POLICIES], ["PUT", POLICY], ["DELETE", POLICY], ["POST", HOOKS], ["PUT", HOOK], ["DELETE", HOOK]] as const) {
    add({ label: `${method} ${path}: 70 KB body`, method, path, headers, body: big, status: 413, code: 10413 });
    add({ label: `${method} ${path}: 70 KB chunked`, method, path, headers, body: big, chunked: true, status: 413, code: 10413 });
  }

  // N6. Query parameters of the lists and the history.
  for (const list of [POLICIES, HOOKS, HISTORY]) {
    for (const v of BAD_PAGES) add({ label: `${list}?page=${v}`, method: "GET", path: `${list}?page=${v}`, headers: auth, status: 400, code: 10001, message: "invalid request: page" });
    for (const v of BAD_PER_PAGES) add({ label: `${list}?per_page=${v}`, method: "GET", path: `${list}?per_page=${v}`, headers: auth, status: 400, code: 10001, message: "invalid request: per_page" });
    for (const q of ["page=999999", "per_page=1000", "per_page=1", "foo=bar"]) add({ label: `${list}?${q}`, method: "GET", path: `${list}?${q}`, headers: auth, status: 200 });
  }
  const BAD_TIMES = ["", "yesterday", "2026-13-01T00:00:00Z", "2026-01-01", "1767225600", "%00"];
  for (const name of ["since", "before"]) {
    for (const v of BAD_TIMES) add({ label: `history ${name}=${v}`, method: "GET", path: `${HISTORY}?${name}=${v}`, headers: auth, status: 400, code: 10001, message: `invalid request: ${name}` });
    add({ label: `history ${name} twice`, method: "GET", path: `${HISTORY}?${name}=2026-01-01T00:00:00Z&${name}=2026-01-02T00:00:00Z`, headers: auth, status: 400, code: 10001, message: `invalid request: ${name}` });
  }
  add({ label: "history before not after since", method: "GET", path: `${HISTORY}?since=2026-01-02T00:00:00Z&before=2026-01-01T00:00:00Z`, headers: auth, status: 400, code: 10001, message: "invalid request: before" });
  for (const [name, v] of [["policy_id", "x"], ["policy_id", "1"], ["mechanism_type", "sms"], ["mechanism_type", ""], ["status", "lost"], ["status", "SENT"]]) {
    add({ label: `history ${name}=${v}`, method: "GET", path: `${HISTORY}?${name}=${v}`, headers: auth, status: 400, code: 10001, message: `invalid request: ${name}` });
  }
  for (const q of ["since=2000-01-01T00:00:00Z", "before=2999-01-01T00:00:00%2B02:00", `policy_id=${f.alertPolicy.id}`, "mechanism_type=webhook", "status=failed", "per_page=5&page=2"]) {
    add({ label: `history ?${q}`, method: "GET", path: `${HISTORY}?${q}`, headers: auth, status: 200 });
  }

  // N7. Paths next to the alerting routes: 404 7003.
  for (const p of [`${base}`, `${base}/policy`, `${POLICY}/x`, `${base}/destinations`, `${HOOK}/test`, `${base}/destinations/pagerduty`, `${HISTORY}/x`, `${base}/available_alerts/x`, `/client/v4/accounts/${f.accountId}/alerting/v2/policies`]) {
    for (const m of ["GET", "POST", "PUT", "DELETE"]) add({ label: `${m} ${p}`, method: m, path: p, headers, body: m === "GET" ? undefined : "{}", status: 404, code: 7003 });
  }
  return cases;
}
