import { describe, expect, it } from "vitest";
import { alertPolicyToApi } from "../../lib/alerts/api-shape";
import { createWebhookDestination, deleteWebhookDestination } from "../../lib/alerts/destinations";
import { createAlertPolicy, deleteAlertPolicy, getAlertPolicy, listAlertPolicies, updateAlertPolicy } from "../../lib/alerts/policies";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { createServiceToken } from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, auditRows, expectAppError, newTenant, unique } from "../helpers/fixtures";

// Alert policies (lib/alerts/policies.ts) against a real PostgreSQL: Cloudflare's shape in and out,
// destinations and tokens of the caller's account only, updates that change only what is given,
// the audit log, and refusals that change nothing.

const TYPE = "expiring_service_token_alert" as const;

async function destination(actor: Actor, name = "Ops") {
  return createWebhookDestination(actor, { name, url: "https://hooks.example.test/ops", secret: "s" });
}

async function snapshot(accountId: string) {
  const db = getDb();
  return {
    policies: await db.alertPolicy.findMany({ where: { accountId }, include: { webhooks: true }, orderBy: { id: "asc" } }),
    audit: (await auditRows(accountId)).length,
  };
}

describe("createAlertPolicy", () => {
  it("stores Cloudflare's shape with the defaults, and an audit row", async () => {
    const { account, admin } = await newTenant();
    const hook = await destination(admin);
    const policy = await createAlertPolicy(admin, {
      alert_type: TYPE,
      name: "Token expiry",
      description: "Before CI tokens lapse",
      mechanisms: { email: [{ id: "ops@example.test" }], webhooks: [{ id: hook.id }] },
    });
    const wire = alertPolicyToApi(policy);
    expect(wire).toEqual({
      id: policy.id,
      name: "Token expiry",
      description: "Before CI tokens lapse",
      enabled: true,
      alert_type: TYPE,
      mechanisms: { email: [{ id: "ops@example.test" }], webhooks: [{ id: hook.id }] },
      filters: { days_before_expiration: ["7"] },
      created: policy.createdAt.toISOString(),
      modified: policy.updatedAt.toISOString(),
    });
    expect(alertPolicyToApi(await getAlertPolicy(admin, policy.id))).toEqual(wire);
    const audits = await auditRows(account.id, policy.id);
    expect(audits.map((a) => a.action)).toEqual(["alert_policy.create"]);
    expect(audits[0].after).toMatchObject({ name: "Token expiry", email: ["ops@example.test"], webhooks: [hook.id], days_before_expiration: [7] });
  });

  it("keeps lead times as strings longest first, and a token filter", async () => {
    const { admin } = await newTenant();
    const token = (await createServiceToken(admin, { name: unique("t") })).token;
    const policy = await createAlertPolicy(admin, { alert_type: TYPE, name: "p", filters: { days_before_expiration: ["1", "30", "7"], token_id: [token.id] } });
    expect(alertPolicyToApi(policy).filters).toEqual({ days_before_expiration: ["30", "7", "1"], token_id: [token.id] });
    expect(policy.leadDays).toEqual([1, 7, 30]);
  });

  it("refuses a destination or a token of another account, or an unknown one, naming the field, and stores nothing", async () => {
    const { account, admin } = await newTenant();
    const other = await newTenant();
    const foreignHook = await destination(other.admin);
    const foreignToken = (await createServiceToken(other.admin, { name: unique("t") })).token;
    const mine = await destination(admin);
    const before = await snapshot(account.id);
    await expectAppError(
      createAlertPolicy(admin, { alert_type: TYPE, name: "p", mechanisms: { webhooks: [{ id: mine.id }, { id: foreignHook.id }] } }),
      "invalid_request",
      "mechanisms.webhooks.1.id",
    );
    await expectAppError(
      createAlertPolicy(admin, { alert_type: TYPE, name: "p", mechanisms: { webhooks: [{ id: crypto.randomUUID() }] } }),
      "invalid_request",
      "mechanisms.webhooks.0.id",
    );
    await expectAppError(createAlertPolicy(admin, { alert_type: TYPE, name: "p", filters: { token_id: [foreignToken.id] } }), "invalid_request", "filters.token_id.0");
    await expectAppError(createAlertPolicy(admin, { alert_type: "universal_ssl_event_type" as typeof TYPE, name: "p" }), "invalid_request", "alert_type");
    await expectAppError(createAlertPolicy(admin, { alert_type: TYPE, name: "p", mechanisms: { email: [{ id: "nope" }] } }), "invalid_request", "mechanisms.email.0.id");
    expect(await snapshot(account.id)).toEqual(before);
  });

  it("needs Notifications Write: read-only roles and tokens are refused", async () => {
    const { account } = await newTenant();
    for (const actor of [adminActor(account.id, "read_only"), apiTokenActor(account.id, ["Notifications Read", "Access: Service Tokens Write"])]) {
      await expectAppError(createAlertPolicy(actor, { alert_type: TYPE, name: "p" }), "forbidden");
    }
    const reader = apiTokenActor(account.id, ["Notifications Read"]);
    expect((await listAlertPolicies(reader)).items).toEqual([]);
    await expectAppError(listAlertPolicies(apiTokenActor(account.id, ["Access: Service Tokens Read"])), "forbidden");
    expect((await createAlertPolicy(adminActor(account.id, "access_admin"), { alert_type: TYPE, name: "by access admin" })).name).toBe("by access admin");
  });
});

describe("updateAlertPolicy", () => {
  it("changes only the fields given; a PUT of what GET answered changes nothing and audits nothing", async () => {
    const { account, admin } = await newTenant();
    const hook = await destination(admin);
    const policy = await createAlertPolicy(admin, { alert_type: TYPE, name: "p", mechanisms: { email: [{ id: "a@example.test" }], webhooks: [{ id: hook.id }] } });
    const disabled = await updateAlertPolicy(admin, policy.id, { enabled: false });
    expect(disabled).toMatchObject({ enabled: false, name: "p", emailRecipients: ["a@example.test"], webhookIds: [hook.id], leadDays: [7] });

    const audits = (await auditRows(account.id, policy.id)).length;
    const again = await updateAlertPolicy(admin, policy.id, alertPolicyToApi(disabled));
    expect(again.updatedAt).toEqual(disabled.updatedAt);
    expect((await auditRows(account.id, policy.id)).length).toBe(audits);

    const moved = await updateAlertPolicy(admin, policy.id, { mechanisms: { email: [{ id: "b@example.test" }] }, filters: { days_before_expiration: ["14", "3"] } });
    expect(moved).toMatchObject({ emailRecipients: ["b@example.test"], webhookIds: [], leadDays: [3, 14] });
    const last = (await auditRows(account.id, policy.id)).at(-1)!;
    expect(last).toMatchObject({ action: "alert_policy.update" });
    expect(last.before).toMatchObject({ email: ["a@example.test"], webhooks: [hook.id] });
    expect(last.after).toMatchObject({ email: ["b@example.test"], webhooks: [], days_before_expiration: [3, 14] });
  });

  it("keeps a filtered token that has since been deleted, so that GET-then-PUT still works", async () => {
    const { admin } = await newTenant();
    const token = (await createServiceToken(admin, { name: unique("t") })).token;
    const policy = await createAlertPolicy(admin, { alert_type: TYPE, name: "p", filters: { token_id: [token.id] } });
    await getDb().serviceToken.delete({ where: { id: token.id } });
    const renamed = await updateAlertPolicy(admin, policy.id, { ...alertPolicyToApi(policy), name: "renamed" });
    expect(renamed).toMatchObject({ name: "renamed", tokenIds: [token.id] });
  });

  it("answers not found for another account's policy, an unknown or a malformed id", async () => {
    const { admin } = await newTenant();
    const other = await newTenant();
    const foreign = await createAlertPolicy(other.admin, { alert_type: TYPE, name: "theirs" });
    for (const id of [foreign.id, crypto.randomUUID(), "not-a-uuid"]) {
      await expectAppError(getAlertPolicy(admin, id), "not_found");
      await expectAppError(updateAlertPolicy(admin, id, { name: "x" }), "not_found");
      await expectAppError(deleteAlertPolicy(admin, id), "not_found");
    }
    expect((await getAlertPolicy(other.admin, foreign.id)).name).toBe("theirs");
  });
});

describe("deleteAlertPolicy and destinations in use", () => {
  it("a destination named by a policy cannot be deleted until the policy lets it go", async () => {
    const { admin } = await newTenant();
    const hook = await destination(admin);
    const policy = await createAlertPolicy(admin, { alert_type: TYPE, name: "p", mechanisms: { webhooks: [{ id: hook.id }] } });
    await expectAppError(deleteWebhookDestination(admin, hook.id), "conflict");
    await deleteAlertPolicy(admin, policy.id);
    await expectAppError(getAlertPolicy(admin, policy.id), "not_found");
    expect((await deleteWebhookDestination(admin, hook.id)).id).toBe(hook.id);
  });

  it("lists by name, paged, with the total", async () => {
    const { admin } = await newTenant();
    for (const name of ["b", "a", "c"]) await createAlertPolicy(admin, { alert_type: TYPE, name });
    const page = await listAlertPolicies(admin, { perPage: 2, page: 1 });
    expect(page.items.map((p) => p.name)).toEqual(["a", "b"]);
    expect(page.total).toBe(3);
    expect((await listAlertPolicies(admin, { perPage: 2, page: 3 })).items).toEqual([]);
  });
});
