import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookToApi } from "../../lib/alerts/api-shape";
import {
  createWebhookDestination,
  deleteWebhookDestination,
  getWebhookDestination,
  listWebhookDestinations,
  testWebhookDestination,
  updateWebhookDestination,
  webhookTarget,
} from "../../lib/alerts/destinations";
import { getDb } from "../../lib/db/client";
import { startHttpSink, type HttpSink } from "../harness/alert-sinks";
import { adminActor, auditRows, expectAppError, newTenant } from "../helpers/fixtures";

// Webhook destinations (lib/alerts/destinations.ts): the secret is write-only (encrypted at rest,
// never in a view, an answer or the audit log), http(s) URLs only, and Test answers what the
// destination said.

let sink: HttpSink;

beforeAll(async () => {
  sink = await startHttpSink();
});

afterAll(async () => {
  await sink?.close();
});

const SECRET = "whsec-do-not-leak-1234";

/** A loopback port nothing listens on (one that was just free). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe("webhook destinations", () => {
  it("keep the secret write-only: encrypted in the database, never answered or audited", async () => {
    const { account, admin } = await newTenant();
    const created = await createWebhookDestination(admin, { name: "Slack", url: "https://hooks.slack.test/services/T000/B000/XXXX", secret: SECRET });
    expect(created).toMatchObject({ name: "Slack", hasSecret: true, lastSuccess: null, lastFailure: null, policyCount: 0 });
    const wire = webhookToApi(created);
    expect(wire).toEqual({
      id: created.id,
      name: "Slack",
      type: "generic",
      url: "https://hooks.slack.test/services/T000/B000/XXXX",
      created_at: created.createdAt.toISOString(),
      last_success: null,
      last_failure: null,
    });
    for (const shown of [created, wire, await getWebhookDestination(admin, created.id), (await listWebhookDestinations(admin)).items]) {
      expect(JSON.stringify(shown)).not.toContain(SECRET);
    }
    const row = await getDb().alertWebhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretEncrypted).toMatch(/^v1\./);
    expect(row.secretEncrypted).not.toContain(SECRET);
    expect((await webhookTarget(created.id))?.secret).toBe(SECRET);

    const audit = await auditRows(account.id, created.id);
    expect(audit.map((a) => a.action)).toEqual(["alert_webhook.create"]);
    expect(audit[0].after).toEqual({ name: "Slack", url_origin: "https://hooks.slack.test", secret: "set" });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("XXXX");
  });

  it("PUT replaces name and url, keeps the secret when it is omitted and removes it with an empty one", async () => {
    const { account, admin } = await newTenant();
    const hook = await createWebhookDestination(admin, { name: "a", url: "https://a.example.test/", secret: SECRET });
    const renamed = await updateWebhookDestination(admin, hook.id, { name: "b", url: "https://b.example.test/" });
    expect(renamed).toMatchObject({ name: "b", url: "https://b.example.test/", hasSecret: true });
    expect((await webhookTarget(hook.id))?.secret).toBe(SECRET);

    const audits = (await auditRows(account.id, hook.id)).length;
    expect((await updateWebhookDestination(admin, hook.id, webhookToApi(renamed))).updatedAt).toEqual(renamed.updatedAt);
    expect((await auditRows(account.id, hook.id)).length).toBe(audits);

    const rotated = await updateWebhookDestination(admin, hook.id, { name: "b", url: "https://b.example.test/", secret: "new-secret" });
    expect((await webhookTarget(hook.id))?.secret).toBe("new-secret");
    expect((await auditRows(account.id, hook.id)).at(-1)!.after).toMatchObject({ secret: "set", secret_changed: true });
    expect(rotated.hasSecret).toBe(true);

    const cleared = await updateWebhookDestination(admin, hook.id, { name: "b", url: "https://b.example.test/", secret: "" });
    expect(cleared.hasSecret).toBe(false);
    expect((await webhookTarget(hook.id))?.secret).toBeNull();
  });

  it("refuses what is not an http(s) URL and another account's destination, changing nothing", async () => {
    const { account, admin } = await newTenant();
    const other = await newTenant();
    const foreign = await createWebhookDestination(other.admin, { name: "theirs", url: "https://theirs.example.test/" });
    await expectAppError(createWebhookDestination(admin, { name: "x", url: "file:///etc/passwd" }), "invalid_request", "url");
    await expectAppError(createWebhookDestination(admin, { name: "x", url: "gopher://example.test/" }), "invalid_request", "url");
    await expectAppError(createWebhookDestination(admin, { name: "", url: "https://example.test/" }), "invalid_request", "name");
    for (const id of [foreign.id, crypto.randomUUID(), "nope"]) {
      await expectAppError(getWebhookDestination(admin, id), "not_found");
      await expectAppError(updateWebhookDestination(admin, id, { name: "mine now", url: "https://x.example.test/" }), "not_found");
      await expectAppError(deleteWebhookDestination(admin, id), "not_found");
      await expectAppError(testWebhookDestination(admin, id), "not_found");
    }
    expect(await getDb().alertWebhook.count({ where: { accountId: account.id } })).toBe(0);
    expect((await getWebhookDestination(other.admin, foreign.id)).name).toBe("theirs");
    await expectAppError(createWebhookDestination(adminActor(account.id, "read_only"), { name: "x", url: "https://x.example.test/" }), "forbidden");
  });

  it("Test sends a test message with the secret header and answers the destination's status", async () => {
    const { account, admin } = await newTenant();
    const ok = await createWebhookDestination(admin, { name: "Works", url: `${sink.url}/test/ok`, secret: SECRET });
    const result = await testWebhookDestination(admin, ok.id);
    expect(result).toMatchObject({ ok: true, status: 200, outcome: "HTTP 200" });
    const received = sink.received.filter((w) => w.path === "/test/ok");
    expect(received).toHaveLength(1);
    expect(received[0].headers["cf-webhook-auth"]).toBe(SECRET);
    expect(received[0].json).toMatchObject({ name: "Works", alert_type: "test", account_id: account.id, text: expect.stringContaining("Test message from Gatepost") });
    expect((await getWebhookDestination(admin, ok.id)).lastSuccess).not.toBeNull();

    const broken = await createWebhookDestination(admin, { name: "Broken", url: `${sink.url}/test/broken` });
    sink.script("/test/broken", [404]);
    expect(await testWebhookDestination(admin, broken.id)).toMatchObject({ ok: false, status: 404, outcome: "HTTP 404" });
    expect(sink.received.filter((w) => w.path === "/test/broken")[0].headers["cf-webhook-auth"]).toBeUndefined();
    expect((await getWebhookDestination(admin, broken.id))).toMatchObject({ lastSuccess: null, lastFailure: expect.any(Date) });

    const closed = await createWebhookDestination(admin, { name: "Nobody", url: `http://127.0.0.1:${await closedPort()}/` });
    expect(await testWebhookDestination(admin, closed.id)).toMatchObject({ ok: false, status: null, outcome: expect.stringMatching(/^network error: .*ECONNREFUSED/) });
  });
});
