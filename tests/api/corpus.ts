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
const BAD_NAMES: unknown[] = [123, 0, true, false, [], ["a"], {}, { name: "x" }, "", "   ", "\t\n", "a".repeat(256), "é".repeat(256), "😀".repeat(256), "nul\u0000byte", "\u0000", "lone \ud800 surrogate", "\udfff", "x".repeat(20_000)];
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
  const objectRoutes = routes.filter((r) => r.pattern.includes(":id"));
  for (const r of objectRoutes) {
    for (const id of [...BAD_IDS, randomUUID(), randomUUID().toUpperCase()]) {
      const path = `/client/v4${r.pattern.replace(":account_id", A).replace(":id", id)}`;
      const b = r.method === "PUT" ? body({ name: "x" }) : r.method === "POST" || r.method === "DELETE" ? body({}) : undefined;
      add({ label: `${r.method} ${r.pattern}: id ${id.slice(0, 30)}`, method: r.method, path, headers: json, body: b, status: 404, code: 12135 });
    }
  }

  // 6. Wrong methods on every known path: 405 10405.
  const patterns = [...new Set(routes.map((r) => r.pattern))];
  for (const p of patterns) {
    const allowed = new Set<string>(routes.filter((r) => r.pattern === p).map((r) => r.method));
    const path = `/client/v4${p.replace(":account_id", A).replace(":id", f.tokenId)}`;
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
      const path = `/client/v4${r.pattern.replace(":account_id", acc).replace(":id", f.tokenId)}`;
      add({ label: `${r.method} ${r.pattern}: account ${acc.slice(0, 12)}`, method: r.method, path, headers: json, body: r.method === "GET" ? undefined : body({ name: "x" }), status: 403, code: 10000 });
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
    const path = `/client/v4${r.pattern.replace(":account_id", A).replace(":id", f.tokenId)}`;
    for (const h of AUTH_GARBAGE) add({ label: `${r.method} ${r.pattern}: auth ${h.slice(0, 12)}`, method: r.method, path, headers: { authorization: h }, body: r.method === "GET" ? undefined : "{}", status: 401, code: 9109 });
    add({ label: `${r.method} ${r.pattern}: X-Auth-Key only`, method: r.method, path, headers: { "x-auth-key": "k", "x-auth-email": "a@b.c" }, status: 401, code: 9106 });
    add({ label: `${r.method} ${r.pattern}: empty authorization`, method: r.method, path, headers: { authorization: "" }, status: 401, code: 9106 });
  }
  return cases;
}
