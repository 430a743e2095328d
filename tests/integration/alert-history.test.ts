import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { historyToApi } from "../../lib/alerts/api-shape";
import { listAlertHistory } from "../../lib/alerts/history";
import { getDb } from "../../lib/db/client";
import { apiTokenActor, expectAppError, newTenant } from "../helpers/fixtures";

// The delivery history as the History page and GET .../alerting/v3/history read it: newest first,
// the account's own rows only, filtered by policy, mechanism, status and time. The rows are written
// here as the scan writes them (alert-scan.test.ts makes real ones).

async function delivery(accountId: string, over: Partial<Parameters<ReturnType<typeof getDb>["alertDelivery"]["create"]>[0]["data"]> = {}) {
  return getDb().alertDelivery.create({
    data: {
      accountId,
      policyId: randomUUID(),
      policyName: "Token expiry",
      serviceTokenId: randomUUID(),
      serviceTokenName: "ci",
      expiresAt: new Date(Date.now() + 100 * 3_600_000),
      leadDays: 7,
      mechanism: "email",
      target: "ops@example.test",
      status: "sent",
      attempts: 1,
      alertBody: "{}",
      sentAt: new Date(),
      ...over,
    } as Parameters<ReturnType<typeof getDb>["alertDelivery"]["create"]>[0]["data"],
  });
}

describe("listAlertHistory", () => {
  it("answers the account's deliveries newest first, filtered and paged", async () => {
    const { account, admin } = await newTenant();
    const other = await newTenant();
    const policyId = randomUUID();
    const t0 = Date.now() - 60_000;
    const a = await delivery(account.id, { policyId, createdAt: new Date(t0) });
    const b = await delivery(account.id, { policyId, mechanism: "webhook", target: randomUUID(), targetName: "Ops", status: "failed", error: "HTTP 500", attempts: 5, createdAt: new Date(t0 + 1000) });
    const c = await delivery(account.id, { status: "not_sent", error: "smtp_not_configured", attempts: 0, createdAt: new Date(t0 + 2000) });
    await delivery(other.account.id);

    const ids = async (input: Parameters<typeof listAlertHistory>[1]) => (await listAlertHistory(admin, input)).items.map((d) => d.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id].map(String));
    expect(await ids({ policy_id: policyId })).toEqual([b.id, a.id].map(String));
    expect(await ids({ mechanism_type: "webhook" })).toEqual([String(b.id)]);
    expect(await ids({ status: "not_sent" })).toEqual([String(c.id)]);
    expect(await ids({ since: new Date(t0 + 1000).toISOString(), before: new Date(t0 + 2000).toISOString() })).toEqual([String(b.id)]);
    const page = await listAlertHistory(admin, { perPage: 2, page: 2 });
    expect([page.items.map((d) => d.id), page.total]).toEqual([[String(a.id)], 3]);

    const failed = (await listAlertHistory(admin, { status: "failed" })).items[0];
    expect(historyToApi(failed)).toMatchObject({
      id: String(b.id),
      name: "Token expiry",
      alert_type: "expiring_service_token_alert",
      mechanism: b.target,
      mechanism_type: "webhook",
      policy_id: policyId,
      status: "failed",
      error: "HTTP 500",
      attempts: 5,
      destination_name: "Ops",
    });
  });

  it("needs Notifications Read and refuses bad filters naming them", async () => {
    const { account, admin } = await newTenant();
    await expectAppError(listAlertHistory(apiTokenActor(account.id, ["Access: Audit Logs Read"])), "forbidden");
    await expectAppError(listAlertHistory(admin, { status: "lost" as "sent" }), "invalid_request", "status");
    await expectAppError(listAlertHistory(admin, { since: "yesterday" }), "invalid_request", "since");
  });
});
