import { readFile } from "node:fs/promises";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { withPg } from "../harness/pg";
import { insertApiToken } from "../harness/server-fixtures";

// The API's request log (one JSON line per request, at info level) names who sent a request, refused
// or not: the id of the API token once it authenticated, never the token itself, and the client IP.
// A server of its own, logging at info (the shared one logs warnings only).

let server: TestServer;
let accountId: string;
const tokens: Record<string, { value: string; id: string }> = {};

beforeAll(async () => {
  server = await startTestServer({ logLevel: "info" });
  const db = embeddedDatabaseUrl(server.dataDir);
  accountId = await withPg(db, async (c) => (await c.query("SELECT id FROM accounts ORDER BY created_at LIMIT 1")).rows[0].id);
  for (const [name, permissions] of [["log-writer", ["Access: Service Tokens Write"]], ["log-reader", ["Access: Service Tokens Read"]]] as const) {
    const value = await insertApiToken(db, { accountId, name, permissions: [...permissions] });
    const id = await withPg(db, async (c) => (await c.query("SELECT id FROM api_tokens WHERE name = $1", [name])).rows[0].id);
    tokens[name] = { value, id };
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

function send(method: string, path: string, opts: { token?: string; body?: string; headers?: Record<string, string> } = {}): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method,
        path: `/client/v4${path}`,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(opts.body)) }),
          ...opts.headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** The "API request" line the server writes for the next request `act` sends. */
async function logLineOf(act: () => Promise<number>): Promise<Record<string, unknown> & { raw: string }> {
  const before = (await readFile(server.logFile, "utf8")).length;
  const status = await act();
  for (let i = 0; i < 50; i++) {
    const lines = (await readFile(server.logFile, "utf8")).slice(before).split("\n").filter((l) => l.includes('"msg":"API request"'));
    if (lines.length > 0) {
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]) as Record<string, unknown>;
      expect(line.status).toBe(status);
      return { ...line, raw: lines[0] };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no API request line was logged");
}

const ST = () => `/accounts/${accountId}/access/service_tokens`;

describe("the API request log", () => {
  it("names the API token of a refused request by its id, with the client IP, and never the token", async () => {
    const { value: reader, id: readerId } = tokens["log-reader"];
    const { value: writer, id: writerId } = tokens["log-writer"];
    const cases: [string, () => Promise<number>, number, string | null][] = [
      ["403: no permission", () => send("POST", ST(), { token: reader, body: '{"name":"x"}' }), 403, readerId],
      ["403: another account", () => send("GET", "/accounts/0123456789abcdef0123456789abcdef/access/service_tokens", { token: reader }), 403, readerId],
      ["404: unknown object", () => send("GET", `${ST()}/00000000-0000-4000-8000-000000000000`, { token: reader }), 404, readerId],
      ["400: bad body", () => send("POST", ST(), { token: writer, body: '{"name":""}' }), 400, writerId],
      ["413: body too large", () => send("POST", ST(), { token: writer, body: `{"name":"${"x".repeat(70_000)}"}` }), 413, writerId],
      ["200", () => send("GET", ST(), { token: writer }), 200, writerId],
      ["401: unknown token", () => send("GET", ST(), { token: "A".repeat(40) }), 401, null],
      ["401: no token", () => send("GET", ST()), 401, null],
    ];
    for (const [label, act, status, apiTokenId] of cases) {
      const line = await logLineOf(act);
      expect({ label, status: line.status, apiTokenId: line.apiTokenId, clientIp: line.clientIp }).toEqual({ label, status, apiTokenId, clientIp: "127.0.0.1" });
      for (const secret of [reader, writer, "A".repeat(40)]) expect(line.raw).not.toContain(secret);
    }
  });

  it("logs the client IP a trusted proxy forwards", async () => {
    const line = await logLineOf(() => send("GET", ST(), { token: tokens["log-reader"].value, headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1" } }));
    expect(line).toMatchObject({ status: 200, clientIp: "203.0.113.9", apiTokenId: tokens["log-reader"].id });
  });
});
