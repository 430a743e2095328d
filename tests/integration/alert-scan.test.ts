import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../lib/access/apps";
import { createPolicy } from "../../lib/access/policies";
import { createWebhookDestination } from "../../lib/alerts/destinations";
import { listAlertHistory } from "../../lib/alerts/history";
import { createAlertPolicy, updateAlertPolicy } from "../../lib/alerts/policies";
import { AlertScanner } from "../../lib/alerts/scanner";
import type { LeadTimeChoice } from "../../lib/alerts/schemas";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { createServiceToken, refreshServiceToken, updateServiceToken } from "../../lib/service-tokens/service";
import { startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from "../harness/alert-sinks";
import { createScratchDatabase, useDatabase } from "../helpers/db";
import { HOUR_MS, newTenant, unique } from "../helpers/fixtures";

// The expiry-alert scan against real receivers: an SMTP server and an HTTP server. A database of
// its own, since a scan reads every account's policies. One pair of sinks for the file; each test
// has its own account, tokens and webhook path, and looks only at what names its tokens.

const PUBLIC_URL = "https://gatepost.example.test";
// Short waits between attempts keep the file quick; the schedule itself is unit-tested (retry.test.ts).
const RETRY = { attempts: 5, baseMs: 20 };

let url: string;
let smtp: SmtpSink;
let http: HttpSink;
let scanner: AlertScanner;
let quiet: AlertScanner;

beforeAll(async () => {
  url = await createScratchDatabase("alert_scan", { migrate: true });
  await useDatabase(url);
  [smtp, http] = await Promise.all([startSmtpSink(), startHttpSink()]);
  scanner = new AlertScanner({ databaseUrl: url, intervalMs: 60_000, publicUrl: PUBLIC_URL, smtp: { url: smtp.url, from: "Gatepost <alerts@example.test>" }, retry: RETRY });
});

afterAll(async () => {
  await scanner?.stop();
  await quiet?.stop();
  await Promise.all([smtp?.close(), http?.close()]);
});

const emailsAbout = (tokenId: string) => smtp.messages.filter((m) => m.text.includes(`/service-tokens/${tokenId}`));
const webhooksAbout = (tokenId: string) => http.accepted.filter((w) => w.json?.data?.service_token_id === tokenId);

async function token(actor: Actor, duration: string) {
  return (await createServiceToken(actor, { name: unique("deploy-bot"), duration })).token;
}

/** An account with a webhook destination (own path, with a secret) and a policy sending to it and to ops@. */
async function setUp(filters?: { days_before_expiration: LeadTimeChoice[] }) {
  const { account, admin } = await newTenant("alerts");
  const path = `/hook/${randomBytes(6).toString("hex")}`;
  const secret = `whsec-${randomBytes(8).toString("hex")}`;
  const destination = await createWebhookDestination(admin, { name: "Ops channel", url: `${http.url}${path}`, secret });
  const policy = await createAlertPolicy(admin, {
    alert_type: "expiring_service_token_alert",
    name: unique("Token expiry"),
    mechanisms: { email: [{ id: "ops@example.test" }], webhooks: [{ id: destination.id }] },
    ...(filters ? { filters } : {}),
  });
  return { account, admin, path, secret, destination, policy };
}

async function until(check: () => boolean) {
  for (const end = Date.now() + 60_000; !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error("timed out");
  }
}

async function history(actor: Actor) {
  return (await listAlertHistory(actor, { perPage: 1000 })).items;
}

describe("the expiry-alert scan", () => {
  it("a token expiring in 100 h gets one email and one webhook; one in 400 h none; more scans send nothing more", async () => {
    const { account, admin, path, secret, policy } = await setUp();
    const soon = await token(admin, "100h");
    const later = await token(admin, "400h");

    const first = await scanner.scanNow();
    expect(first).toMatchObject({ sent: expect.any(Number), failed: 0, interrupted: 0 });
    for (let i = 0; i < 3; i++) await scanner.scanNow();

    const emails = emailsAbout(soon.id);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email.to).toEqual(["ops@example.test"]);
    expect(email.from).toBe("alerts@example.test");
    expect(email.subject).toBe(`Service token "${soon.name}" expires in 4 days`);
    const expiry = `${soon.expiresAt!.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    for (const part of [email.text, email.html]) {
      for (const fact of [soon.name, soon.clientId, expiry, `${PUBLIC_URL}/service-tokens/${soon.id}`]) expect(part).toContain(fact);
    }
    expect(email.html).toMatch(/^<!doctype html>/);

    const hooks = webhooksAbout(soon.id);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].path).toBe(path);
    expect(hooks[0].headers["cf-webhook-auth"]).toBe(secret);
    expect(hooks[0].headers["content-type"]).toBe("application/json");
    expect(hooks[0].json).toEqual({
      name: "Ops channel",
      text: expect.stringContaining(`Service token "${soon.name}" (client id ${soon.clientId}) expires in 4 days`),
      data: {
        service_token_id: soon.id,
        service_token_name: soon.name,
        client_id: soon.clientId,
        expires_at: soon.expiresAt!.toISOString(),
        days_until_expiration: 4,
        days_before_expiration: 7,
        applications: [],
        dashboard_url: `${PUBLIC_URL}/service-tokens/${soon.id}`,
      },
      ts: expect.any(Number),
      account_id: account.id,
      policy_id: policy.id,
      policy_name: policy.name,
      alert_type: "expiring_service_token_alert",
      alert_correlation_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      alert_event: "ALERT_STATE_EVENT_START",
    });

    expect(emailsAbout(later.id)).toEqual([]);
    expect(webhooksAbout(later.id)).toEqual([]);

    const rows = await history(admin);
    expect(rows.map((r) => [r.mechanism, r.target, r.status, r.attempts, r.serviceTokenId]).sort()).toEqual(
      [
        ["email", "ops@example.test", "sent", 1, soon.id],
        ["webhook", expect.any(String), "sent", 1, soon.id],
      ].sort(),
    );
    expect(rows.every((r) => r.sentAt !== null && r.error === null && r.leadDays === 7 && r.policyName === policy.name)).toBe(true);
    // The email and the webhook are one alert.
    const correlation = hooks[0].json.alert_correlation_id;
    expect(rows.map((r) => JSON.parse(r.alertBody).alert_correlation_id)).toEqual([correlation, correlation]);
  });

  it("after a Refresh the token is not alerted again: its expiry is now more than 7 days away", async () => {
    const { admin } = await setUp();
    const t = await token(admin, "100h");
    await scanner.scanNow();
    expect([emailsAbout(t.id).length, webhooksAbout(t.id).length]).toEqual([1, 1]);

    await refreshServiceToken(admin, t.id);
    await scanner.scanNow();
    await scanner.scanNow();
    expect([emailsAbout(t.id).length, webhooksAbout(t.id).length]).toEqual([1, 1]);
  });

  it("an Edit that extends a 100 h token by 1 h (still within 7 days) alerts once more, for the new expiry", async () => {
    const { admin } = await setUp();
    const t = await token(admin, "100h");
    await scanner.scanNow();
    const extended = await updateServiceToken(admin, t.id, { duration: "1h" });
    expect(extended.expiresAt!.getTime() - t.expiresAt!.getTime()).toBe(HOUR_MS);

    await scanner.scanNow();
    await scanner.scanNow();
    const hooks = webhooksAbout(t.id);
    expect(hooks.map((h) => h.json.data.expires_at)).toEqual([t.expiresAt!.toISOString(), extended.expiresAt!.toISOString()]);
    expect(emailsAbout(t.id)).toHaveLength(2);
    expect(hooks[0].json.alert_correlation_id).not.toBe(hooks[1].json.alert_correlation_id);
  });

  it("a 30-day lead time alerts the 400 h token once; the 100 h token gets the 7-day alert only", async () => {
    const { admin } = await setUp({ days_before_expiration: ["30", "7"] });
    const later = await token(admin, "400h");
    const soon = await token(admin, "100h");
    for (let i = 0; i < 3; i++) await scanner.scanNow();

    expect(webhooksAbout(later.id).map((h) => h.json.data.days_before_expiration)).toEqual([30]);
    expect(emailsAbout(later.id)).toHaveLength(1);
    expect(emailsAbout(later.id)[0].subject).toBe(`Service token "${later.name}" expires in 16 days`);
    expect(webhooksAbout(soon.id).map((h) => h.json.data.days_before_expiration)).toEqual([7]);
  });

  it("a webhook answering 500 twice then 200 is delivered, with the attempts in the history and on the destination", async () => {
    const { admin, path, destination } = await setUp();
    http.script(path, [500, 500]);
    const t = await token(admin, "100h");
    await scanner.scanNow();

    expect(http.received.filter((w) => w.path === path).map((w) => w.json.data.service_token_id)).toEqual([t.id, t.id, t.id]);
    expect(webhooksAbout(t.id)).toHaveLength(1);
    const row = (await history(admin)).find((r) => r.mechanism === "webhook")!;
    expect(row).toMatchObject({ status: "sent", attempts: 3, error: null, target: destination.id, targetName: "Ops channel" });
    expect(row.attemptLog.map((a) => a.outcome)).toEqual(["HTTP 500", "HTTP 500", "HTTP 200"]);
    const stored = await getDb().alertWebhook.findUniqueOrThrow({ where: { id: destination.id } });
    expect(stored.lastFailure).not.toBeNull();
    expect(stored.lastSuccess!.getTime()).toBeGreaterThan(stored.lastFailure!.getTime());
  });

  it("a webhook that keeps failing is given up after 5 attempts and recorded as failed", async () => {
    const { admin, path } = await setUp();
    http.script(path, [503, 503, 503, 503, 503, 503]);
    const t = await token(admin, "100h");
    await scanner.scanNow();
    await scanner.scanNow();

    expect(http.received.filter((w) => w.path === path)).toHaveLength(5);
    const row = (await history(admin)).find((r) => r.mechanism === "webhook")!;
    expect(row).toMatchObject({ status: "failed", attempts: 5, error: "HTTP 503", serviceTokenId: t.id });
    expect((await history(admin)).find((r) => r.mechanism === "email")).toMatchObject({ status: "sent" });
  });

  it("a webhook that never answers times out on each attempt and is recorded as failed, without holding up the scan", async () => {
    const { admin, path, destination } = await setUp();
    http.pause(path);
    const t = await token(admin, "100h");
    // A 1 s timeout and two attempts: the real 10 s and five would make the file slow.
    const impatient = new AlertScanner({ databaseUrl: url, intervalMs: 60_000, publicUrl: PUBLIC_URL, smtp: null, retry: { attempts: 2, baseMs: 20 }, webhookTimeoutMs: 1000 });
    let deadline: NodeJS.Timeout | undefined;
    try {
      // Without the timeout the POST waits for an answer that never comes: stop waiting long before
      // the test's own limit, so that the failure says what happened.
      const hung = new Promise<"hung">((resolve) => (deadline = setTimeout(() => resolve("hung"), 15_000)));
      const summary = await Promise.race([impatient.scanNow(), hung]);
      if (summary === "hung") throw new Error("the scan was still waiting on a receiver that never answers after 15 s");
      expect(summary.interrupted).toBe(0);
      expect(summary.failed).toBeGreaterThanOrEqual(1);
    } finally {
      clearTimeout(deadline);
      // Stopping aborts a POST still waiting, if the timeout did not.
      await impatient.stop();
      http.resume(path);
    }

    // Both attempts reached the receiver, which never answered either.
    expect(http.received.filter((w) => w.path === path)).toHaveLength(2);
    expect(webhooksAbout(t.id)).toEqual([]);
    const row = (await history(admin)).find((r) => r.mechanism === "webhook")!;
    expect(row).toMatchObject({ status: "failed", attempts: 2, error: "timeout after 1 s", serviceTokenId: t.id, target: destination.id });
    expect(row.attemptLog.map((a) => a.outcome)).toEqual(["timeout after 1 s", "timeout after 1 s"]);
    const stored = await getDb().alertWebhook.findUniqueOrThrow({ where: { id: destination.id } });
    expect(stored.lastFailure).not.toBeNull();
    expect(stored.lastSuccess).toBeNull();
  });

  it("a scanner stopped while it waits to retry leaves the delivery pending, and the next scanner sends it", async () => {
    const { admin, path } = await setUp();
    http.script(path, [500]);
    const t = await token(admin, "100h");
    const patient = new AlertScanner({ databaseUrl: url, intervalMs: 60_000, publicUrl: PUBLIC_URL, smtp: null, retry: { attempts: 5, baseMs: 60_000 } });
    const scanning = patient.scanNow();
    await until(() => http.received.some((w) => w.path === path));
    const started = Date.now();
    await patient.stop();
    // Far less than the 60 s wait: within the 10 s a SIGTERM allows.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await scanning).toMatchObject({ interrupted: 1 });
    expect((await history(admin)).find((r) => r.mechanism === "webhook")).toMatchObject({ status: "pending" });

    await scanner.scanNow();
    expect(webhooksAbout(t.id)).toHaveLength(1);
    expect((await history(admin)).find((r) => r.mechanism === "webhook")).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("without SMTP, email deliveries are recorded as not sent (smtp_not_configured); webhooks still go", async () => {
    quiet = new AlertScanner({ databaseUrl: url, intervalMs: 60_000, publicUrl: PUBLIC_URL, smtp: null, retry: RETRY });
    const { admin } = await setUp();
    const t = await token(admin, "100h");
    await quiet.scanNow();

    expect(emailsAbout(t.id)).toEqual([]);
    expect(webhooksAbout(t.id)).toHaveLength(1);
    const email = (await history(admin)).find((r) => r.mechanism === "email")!;
    expect(email).toMatchObject({ status: "not_sent", error: "smtp_not_configured", attempts: 0, target: "ops@example.test" });
    expect(email.sentAt).not.toBeNull();
  });

  it("names the applications whose Service Auth policies name the token", async () => {
    const { admin } = await setUp();
    const t = await token(admin, "100h");
    const named = await createPolicy(admin, { name: "CI", decision: "non_identity", include: [{ service_token: { token_id: t.id } }] });
    const blocked = await createPolicy(admin, { name: "Not CI", decision: "deny", include: [{ service_token: { token_id: t.id } }] });
    const billing = await createApp(admin, { name: "Billing", domain: `${unique("billing")}.example.test`, policies: [named.id] });
    await createApp(admin, { name: "Reports", domain: `${unique("reports")}.example.test`, policies: [blocked.id] });
    await scanner.scanNow();

    expect(webhooksAbout(t.id)[0].json.data.applications).toEqual([{ id: billing.id, name: "Billing", domain: billing.domain }]);
    expect(webhooksAbout(t.id)[0].json.text).toContain(`Used by 1 application: Billing (${billing.domain}).`);
    expect(emailsAbout(t.id)[0].text).toContain(`Applications: Billing (${billing.domain})`);
  });

  it("leaves out disabled policies, disabled and expired tokens, and tokens outside the policy's token filter", async () => {
    const { admin, policy } = await setUp();
    const disabled = await token(admin, "100h");
    await updateServiceToken(admin, disabled.id, { enabled: false });
    const expired = await token(admin, "1s");
    const other = await token(admin, "100h");
    const chosen = await token(admin, "100h");
    await new Promise((r) => setTimeout(r, 1100));
    await updateAlertPolicy(admin, policy.id, { filters: { token_id: [chosen.id] } });
    await scanner.scanNow();
    expect([disabled, expired, other].map((t) => webhooksAbout(t.id).length)).toEqual([0, 0, 0]);
    expect(webhooksAbout(chosen.id)).toHaveLength(1);

    const off = await token(admin, "100h");
    await updateAlertPolicy(admin, policy.id, { enabled: false, filters: { token_id: [off.id] } });
    await scanner.scanNow();
    expect(webhooksAbout(off.id)).toEqual([]);
  });
});
