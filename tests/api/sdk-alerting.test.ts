import { randomBytes, randomUUID } from "node:crypto";
import Cloudflare from "cloudflare";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, expectFailure, expectSuccess } from "./client";
import { withPg } from "../harness/pg";
import { insertApiToken } from "../harness/server-fixtures";

// The official `cloudflare` SDK (v7) against the alerting v3 endpoints: alert policies, webhook
// destinations, the delivery history (auto-pagination) and the available alert types. Every call
// goes through the SDK as a user's script would write it. Policies made here have no recipient
// that a token of the account could reach before the test deletes them (the server scans).

const sdk = (token: string) => new Cloudflare({ apiToken: token, baseURL: api().apiBase, maxRetries: 0 });
const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;
const TYPE = "expiring_service_token_alert" as const;

let writer: string;
let reader: string;

beforeAll(async () => {
  const db = api().databaseUrl;
  writer = await insertApiToken(db, { accountId: api().accountId, name: "sdk-alerting-write", permissions: ["Notifications Write"] });
  reader = await insertApiToken(db, { accountId: api().accountId, name: "sdk-alerting-read", permissions: ["Notifications Read"] });
});

/** What the SDK throws for a refused call: its status and the v4 error. */
async function refusal(p: Promise<unknown>): Promise<{ status: number; code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; errors: { code: number; message: string }[] };
    return { status: err.status, code: err.errors[0].code, message: err.errors[0].message };
  }
  throw new Error("expected the SDK call to fail");
}

describe("the cloudflare SDK, alerting.destinations.webhooks", () => {
  it("creates, reads, updates, lists and deletes a webhook destination; the secret is never answered", async () => {
    const cf = sdk(writer);
    const account_id = api().accountId;
    const webhooks = cf.alerting.destinations.webhooks;
    const secret = `whsec-${randomBytes(8).toString("hex")}`;
    const created = await webhooks.create({ account_id, name: "Slack Webhook", url: "https://hooks.slack.com/services/Ds3fdBFbV/456464Gdd", secret });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const got = await sdk(reader).alerting.destinations.webhooks.get(created.id!, { account_id });
    expect(got).toEqual({
      id: created.id,
      name: "Slack Webhook",
      type: "generic",
      url: "https://hooks.slack.com/services/Ds3fdBFbV/456464Gdd",
      created_at: expect.any(String),
      last_success: null,
      last_failure: null,
    });

    const updated = await webhooks.update(created.id!, { account_id, name: "Renamed", url: "https://hooks.example.com/alerts" });
    expect(updated.id).toBe(created.id);
    const listed: Cloudflare.Alerting.Destinations.Webhooks[] = [];
    for await (const w of sdk(reader).alerting.destinations.webhooks.list({ account_id })) listed.push(w);
    expect(listed.find((w) => w.id === created.id)).toMatchObject({ name: "Renamed", url: "https://hooks.example.com/alerts" });

    const raw = await call("GET", `/accounts/${account_id}/alerting/v3/destinations/webhooks`, { token: reader });
    expect(raw.text).not.toContain(secret);
    expect(raw.text).not.toContain('"secret"');
    // The update kept the secret: it is stored, encrypted, and never shown.
    const stored = await withPg(api().databaseUrl, (c) => c.query("SELECT secret_encrypted FROM alert_webhooks WHERE id = $1", [created.id]));
    expect(stored.rows[0].secret_encrypted).toMatch(/^v1\./);
    expect(stored.rows[0].secret_encrypted).not.toContain(secret);

    const deleted = await webhooks.delete(created.id!, { account_id });
    expect(deleted.success).toBe(true);
    expect(await refusal(webhooks.get(created.id!, { account_id }))).toMatchObject({ status: 404, code: 12135 });
  });

  it("refuses a URL that is not http or https, naming the field", async () => {
    const account_id = api().accountId;
    const r = await refusal(sdk(writer).alerting.destinations.webhooks.create({ account_id, name: "x", url: "ftp://example.com/x" }));
    expect(r).toMatchObject({ status: 400, code: 10001 });
    expect(r.message).toMatch(/^invalid request: url: /);
  });
});

describe("the cloudflare SDK, alerting.policies", () => {
  it("creates, reads, updates (only what is given), lists and deletes an alert policy", async () => {
    const cf = sdk(writer);
    const account_id = api().accountId;
    const hook = await cf.alerting.destinations.webhooks.create({ account_id, name: unique("hook"), url: "https://hooks.example.com/x" });
    const token = await withPg(api().databaseUrl, (c) => c.query("SELECT id FROM service_tokens WHERE account_id = $1 LIMIT 1", [account_id]));
    const name = unique("Expiring tokens");
    // Disabled: the running server must not deliver to these recipients.
    const created = await cf.alerting.policies.create({
      account_id,
      alert_type: TYPE,
      name,
      description: "A week before",
      enabled: false,
      mechanisms: { email: [{ id: "ops@example.com" }], webhooks: [{ id: hook.id }] },
      // Gatepost's lead times, beside Cloudflare's token filter.
      filters: { days_before_expiration: ["30", "7"], ...(token.rows[0] ? { token_id: [token.rows[0].id] } : {}) } as Cloudflare.Alerting.PolicyFilter,
    });
    const id = created.id!;

    const got = await sdk(reader).alerting.policies.get(id, { account_id });
    expect(got).toEqual({
      id,
      name,
      description: "A week before",
      enabled: false,
      alert_type: TYPE,
      mechanisms: { email: [{ id: "ops@example.com" }], webhooks: [{ id: hook.id }] },
      filters: { days_before_expiration: ["30", "7"], ...(token.rows[0] ? { token_id: [token.rows[0].id] } : {}) },
      created: expect.any(String),
      modified: expect.any(String),
    });

    const updated = await cf.alerting.policies.update(id, { account_id, description: "Two lead times" });
    expect(updated.id).toBe(id);
    expect(await cf.alerting.policies.get(id, { account_id })).toMatchObject({ description: "Two lead times", name, enabled: false, mechanisms: got.mechanisms, filters: got.filters });

    const listed: Cloudflare.Alerting.Policy[] = [];
    for await (const p of sdk(reader).alerting.policies.list({ account_id })) listed.push(p);
    expect(listed.map((p) => p.id)).toContain(id);

    expect((await cf.alerting.policies.delete(id, { account_id })).success).toBe(true);
    expect(await refusal(cf.alerting.policies.get(id, { account_id }))).toMatchObject({ status: 404, code: 12135 });
    await cf.alerting.destinations.webhooks.delete(hook.id!, { account_id });
  });

  it("refuses an unknown alert type, an address that is not one, an unknown destination and another account's, changing nothing", async () => {
    const account_id = api().accountId;
    const cf = sdk(writer);
    const otherToken = await insertApiToken(api().databaseUrl, { accountId: api().otherAccountId, name: "sdk-alerting-other", permissions: ["Notifications Write"] });
    const foreign = await sdk(otherToken).alerting.destinations.webhooks.create({ account_id: api().otherAccountId, name: "theirs", url: "https://theirs.example.com/" });
    const count = () => withPg(api().databaseUrl, (c) => c.query("SELECT count(*)::int AS n FROM alert_policies").then((r) => r.rows[0].n as number));
    const before = await count();
    const base = { account_id, name: "bad", enabled: false };
    const cases: [() => Promise<unknown>, string][] = [
      [() => cf.alerting.policies.create({ ...base, alert_type: "universal_ssl_event_type", mechanisms: {} }), "alert_type"],
      [() => cf.alerting.policies.create({ ...base, alert_type: TYPE, mechanisms: { email: [{ id: "not-an-email" }] } }), "mechanisms.email.0.id"],
      [() => cf.alerting.policies.create({ ...base, alert_type: TYPE, mechanisms: { webhooks: [{ id: randomUUID() }] } }), "mechanisms.webhooks.0.id"],
      [() => cf.alerting.policies.create({ ...base, alert_type: TYPE, mechanisms: { webhooks: [{ id: foreign.id }] } }), "mechanisms.webhooks.0.id"],
      [() => cf.alerting.policies.create({ ...base, alert_type: TYPE, mechanisms: { pagerduty: [{ id: "x" }] } }), "mechanisms.pagerduty"],
    ];
    for (const [attempt, field] of cases) {
      const r = await refusal(attempt());
      expect(r, field).toMatchObject({ status: 400, code: 10001 });
      expect(r.message.startsWith(`invalid request: ${field}: `), r.message).toBe(true);
    }
    expect(await count()).toBe(before);
    expect(await refusal(cf.alerting.destinations.webhooks.get(foreign.id!, { account_id }))).toMatchObject({ status: 404, code: 12135 });
    await sdk(otherToken).alerting.destinations.webhooks.delete(foreign.id!, { account_id: api().otherAccountId });
  });

  it("a token without Notifications Write cannot create one (403)", async () => {
    const r = await refusal(sdk(reader).alerting.policies.create({ account_id: api().accountId, alert_type: TYPE, name: "x", enabled: false, mechanisms: {} }));
    expect(r).toMatchObject({ status: 403, code: 10000 });
  });
});

describe("the cloudflare SDK, alerting.history and alerting.availableAlerts", () => {
  it("pages through the history with auto-pagination, newest first, within since and before", async () => {
    const account_id = api().accountId;
    const policyId = randomUUID();
    const start = Date.now() - 3_600_000;
    const n = 23;
    await withPg(api().databaseUrl, (c) =>
      c.query(
        `INSERT INTO alert_deliveries (account_id, policy_id, policy_name, service_token_id, service_token_name, expires_at, lead_days,
                                       mechanism, target, status, error, attempts, alert_body, created_at, sent_at)
         SELECT $1, $2, 'SDK history', gen_random_uuid(), 'tok-' || i, now() + interval '100 hours', 7, 'email', 'ops@example.com',
                'not_sent', 'smtp_not_configured', 0, '{}', to_timestamp($3::float8 / 1000) + i * interval '1 second', now()
         FROM generate_series(1, $4::int) AS i`,
        [account_id, policyId, start, n],
      ),
    );
    const seen: Cloudflare.Alerting.History[] = [];
    for await (const h of sdk(reader).alerting.history.list({ account_id, per_page: 5, since: new Date(start).toISOString() })) {
      if (h.policy_id === policyId) seen.push(h);
    }
    expect(seen).toHaveLength(n);
    expect(seen.map((h) => (h as { service_token_name: string }).service_token_name)).toEqual(Array.from({ length: n }, (_, i) => `tok-${n - i}`));
    expect(seen[0]).toMatchObject({ name: "SDK history", alert_type: TYPE, mechanism: "ops@example.com", mechanism_type: "email", status: "not_sent", error: "smtp_not_configured" });

    const before = new Date(start + 6_000).toISOString();
    const early: Cloudflare.Alerting.History[] = [];
    for await (const h of sdk(reader).alerting.history.list({ account_id, since: new Date(start).toISOString(), before })) if (h.policy_id === policyId) early.push(h);
    expect(early).toHaveLength(5);

    const page = expectSuccess(await call("GET", `/accounts/${account_id}/alerting/v3/history?per_page=5&page=999`, { token: reader }));
    expect(page.result).toEqual([]);
    expectFailure(await call("GET", `/accounts/${account_id}/alerting/v3/history?since=yesterday`, { token: reader }), 400, 10001, "invalid request: since");
  });

  it("lists the one alert type with its filters", async () => {
    const alerts = await sdk(reader).alerting.availableAlerts.list({ account_id: api().accountId });
    expect(Object.keys(alerts)).toEqual(["Access"]);
    expect(alerts.Access).toHaveLength(1);
    expect(alerts.Access[0]).toMatchObject({ type: TYPE, display_name: "Expiring Access Service Token Alert" });
    expect((alerts.Access[0].filter_options as { Key: string }[]).map((o) => o.Key)).toEqual(["days_before_expiration", "token_id"]);
  });
});
