import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { api, expectEnvelope, rawRequest, type RawResponse } from "./client";
import { buildCorpus, prng, type Case, type CorpusFixture } from "./corpus";
import { withPg } from "../harness/pg";
import { insertAccount, insertApiToken } from "../harness/server-fixtures";

// A generated corpus of malformed requests across every route: broken and non-object JSON, wrong
// types, huge strings, oversized bodies, unicode, nulls, unknown fields, invalid ids, wrong methods
// and bad query parameters. Each case knows the answer it must get; none may be a 5xx, every answer
// is a v4 envelope in JSON, the server logs no failure, and the database is unchanged afterwards.
// The corpus runs on two accounts of its own (every token it sends belongs to one of them), so the
// unchanged database is checked for their rows while the other API files write theirs beside it.
// The corpus is seeded (API_FUZZ_SEED to replay another).

const SEED = Number(process.env.API_FUZZ_SEED ?? 20261128);
const MIN_CASES = 2000;
const CONCURRENCY = 16;

/**
 * Each table's rows of `accounts`, whole: a count and an MD5. Tables without an account column
 * are either reached through one (app_policies through its application, alert_policy_webhooks
 * through its alert policy) or counted whole (no API request writes them: migrations, dashboard
 * sign-in attempts). api_rate_limits is left out: its counts move with every request, refused ones
 * included, as they must (lib/api-tokens/rate-limit.ts).
 */
async function snapshot(accounts: string[]): Promise<Record<string, string>> {
  return withPg(api().databaseUrl, async (c) => {
    const out: Record<string, string> = {};
    const tables = await c.query<{ table_name: string; scoped: boolean }>(
      `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c
                                     WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'account_id') AS scoped
         FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
    );
    for (const { table_name: table, scoped } of tables.rows) {
      if (table === "api_rate_limits") continue;
      const where =
        table === "accounts" ? "t.id = ANY($1)"
        : scoped ? "t.account_id = ANY($1)"
        : table === "app_policies" ? "t.app_id IN (SELECT id FROM access_apps WHERE account_id = ANY($1))"
        : table === "alert_policy_webhooks" ? "t.policy_id IN (SELECT id FROM alert_policies WHERE account_id = ANY($1))"
        : null;
      if (where === null) {
        out[`count ${table}`] = String((await c.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
        continue;
      }
      // last_used_at of an API token may move (at most once a minute); nothing else of it may.
      const row = table === "api_tokens" ? "concat_ws(',', t.id, t.account_id, t.name, t.token_hash, t.permissions::text, t.expires_at, t.revoked_at)" : "t::text";
      const r = await c.query(`SELECT count(*) AS n, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS md5 FROM "${table}" t WHERE ${where}`, [accounts]);
      out[`${table}`] = `${r.rows[0].n} rows, md5 ${r.rows[0].md5}`;
    }
    return out;
  });
}

async function runAll(cases: Case[]): Promise<RawResponse[]> {
  const results: RawResponse[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      results[i] = await rawRequest({ method: c.method, path: c.path, headers: c.headers, body: c.body, chunked: c.chunked }).catch(
        (e: Error): RawResponse => ({ status: 0, headers: {}, text: `transport error: ${e.message}`, json: undefined }),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe(`a corpus of malformed requests (seed ${SEED})`, () => {
  let fixture: CorpusFixture;
  let accounts: string[];

  beforeAll(async () => {
    const db = api().databaseUrl;
    const A = await insertAccount(db, "Malformed corpus");
    const B = await insertAccount(db, "Malformed corpus, other account");
    accounts = [A, B];
    const writer = await insertApiToken(db, { accountId: A, name: "fuzz-writer", permissions: ["Access: Service Tokens Write"] });
    const post = async (path: string, token: string, payload: unknown, status = 201) => {
      const res = await rawRequest({
        method: path.endsWith("/keys") ? "PUT" : "POST",
        path: `/client/v4/accounts${path}`,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      expect(res.status, res.text).toBe(status);
      return res.json.result;
    };
    const get = async (path: string, token: string) =>
      (await rawRequest({ method: "GET", path: `/client/v4/accounts${path}`, headers: { authorization: `Bearer ${token}` } })).json.result;
    const appsToken = await insertApiToken(db, { accountId: A, name: "fuzz-apps", permissions: ["Access: Apps and Policies Write"] });
    const auditToken = await insertApiToken(db, { accountId: A, name: "fuzz-audit", permissions: ["Access: Audit Logs Read"] });
    const notificationsToken = await insertApiToken(db, { accountId: A, name: "fuzz-notifications", permissions: ["Notifications Write"] });
    const foreignToken = await insertApiToken(db, {
      accountId: B,
      name: "fuzz-foreign",
      permissions: ["Access: Service Tokens Write", "Access: Apps and Policies Write", "Notifications Write"],
    });

    const token = await post(`/${A}/access/service_tokens`, writer, { name: "fuzz-target", duration: "8760h" });
    const policy = await post(`/${A}/access/policies`, appsToken, {
      name: "fuzz-policy",
      decision: "non_identity",
      include: [{ service_token: { token_id: token.id } }, { ip: { ip: "192.0.2.0/24" } }],
    });
    const app = await post(`/${A}/access/apps`, appsToken, {
      name: "fuzz-app",
      domain: `fuzz-${token.id.slice(0, 8)}.example.com`,
      read_service_tokens_from_header: "X-Service-Token",
      policies: [{ id: policy.id, precedence: 3 }],
    });
    // The settings row exists from here on, so that a PUT of the stored interval writes nothing.
    const keys = await post(`/${A}/access/keys`, appsToken, { key_rotation_interval_days: 42 }, 200);
    // Disabled and without a recipient: the server's scanner never writes a delivery for it.
    const webhook = await post(`/${A}/alerting/v3/destinations/webhooks`, notificationsToken, { name: "fuzz-hook", url: "https://hooks.example.com/fuzz", secret: "fuzz" });
    const alertPolicy = await post(`/${A}/alerting/v3/policies`, notificationsToken, {
      alert_type: "expiring_service_token_alert",
      name: "fuzz-alert",
      enabled: false,
      mechanisms: { webhooks: [{ id: webhook.id }] },
      filters: { days_before_expiration: ["30", "7"] },
    });
    const foreign = {
      tokenId: (await post(`/${B}/access/service_tokens`, foreignToken, { name: "fuzz-foreign" })).id,
      appId: (await post(`/${B}/access/apps`, foreignToken, { name: "fuzz-foreign", domain: app.domain })).id,
      policyId: (await post(`/${B}/access/policies`, foreignToken, { name: "fuzz-foreign", decision: "allow", include: [{ everyone: {} }] })).id,
      webhookId: (await post(`/${B}/alerting/v3/destinations/webhooks`, foreignToken, { name: "fuzz-foreign", url: "https://theirs.example.com/" })).id,
      alertPolicyId: (await post(`/${B}/alerting/v3/policies`, foreignToken, { alert_type: "expiring_service_token_alert", name: "fuzz-foreign", enabled: false })).id,
    };
    fixture = {
      accountId: A,
      otherAccountId: B,
      token: writer,
      tokenId: token.id,
      version: token.client_secret_version,
      appsToken,
      auditToken,
      app: await get(`/${A}/access/apps/${app.id}`, appsToken),
      policy: await get(`/${A}/access/policies/${policy.id}`, appsToken),
      keyRotationIntervalDays: keys.key_rotation_interval_days,
      notificationsToken,
      alertPolicy: await get(`/${A}/alerting/v3/policies/${alertPolicy.id}`, notificationsToken),
      webhook: await get(`/${A}/alerting/v3/destinations/webhooks/${webhook.id}`, notificationsToken),
      foreign,
    };
  });

  it(`answers each of at least ${MIN_CASES} with its v4 error, no 5xx, and changes nothing`, async () => {
    const cases = buildCorpus(fixture, prng(SEED));
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
    const logBefore = (await readFile(api().logFile, "utf8")).length;
    const before = await snapshot(accounts);

    const started = Date.now();
    const results = await runAll(cases);
    const elapsed = Date.now() - started;

    const wrong: string[] = [];
    results.forEach((res, i) => {
      const c = cases[i];
      if (res.status >= 500) wrong.push(`5xx! ${c.label}: ${res.status} ${res.text.slice(0, 200)}`);
      try {
        const env = expectEnvelope(res);
        const code = env.success ? undefined : env.errors[0].code;
        const message = env.success ? undefined : env.errors[0].message;
        if (res.status !== c.status || (c.code !== undefined && code !== c.code) || (c.message !== undefined && !message?.startsWith(c.message))) {
          wrong.push(`${c.label} (${c.method} ${c.path.slice(0, 100)}): want ${c.status}/${c.code ?? "-"}, got ${res.status}/${code ?? "-"} ${res.text.slice(0, 160)}${c.message ? ` (message should start "${c.message}")` : ""}`);
        }
      } catch (e) {
        wrong.push(`${c.label}: not a v4 JSON envelope: ${res.status} ${String(res.headers["content-type"])} ${res.text.slice(0, 120)}`);
      }
    });
    expect(wrong.slice(0, 25), `${wrong.length} of ${cases.length} wrong`).toEqual([]);

    expect(await snapshot(accounts)).toEqual(before);
    const serverLog = (await readFile(api().logFile, "utf8")).slice(logBefore);
    expect(serverLog.split("\n").filter((l) => /"level":(50|60)/.test(l) || l.includes("Internal Server Error"))).toEqual([]);
    console.info(`${cases.length} malformed requests in ${elapsed} ms`);
  }, 600_000);
});
