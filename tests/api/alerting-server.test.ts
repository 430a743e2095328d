import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness/gatepost";
import { createApiTokenWithCli } from "../harness/server-fixtures";
import { startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from "../harness/alert-sinks";

// The scanner as `npm start` runs it: a server of its own (server.ts, embedded PostgreSQL) scanning
// every second, configured only through the environment, set up only through the REST API, alerting
// a real SMTP server and a real HTTP server; then SIGTERM stops it, scanner included, in time.

let server: TestServer;
let smtp: SmtpSink;
let http: HttpSink;
let token: string;
let accountId: string;

beforeAll(async () => {
  [smtp, http] = await Promise.all([startSmtpSink(), startHttpSink()]);
  server = await startTestServer({ env: { ALERT_SCAN_INTERVAL: "1s", SMTP_URL: smtp.url, SMTP_FROM: "Gatepost <alerts@example.test>", PUBLIC_URL: "https://gatepost.example.test" } });
  token = await createApiTokenWithCli(server.dataDir, { name: "alerts", permissions: ["Access: Service Tokens Write", "Notifications Write"] });
  const accounts = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${token}` } });
  accountId = ((await accounts.json()) as { result: { id: string }[] }).result[0].id;
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([smtp?.close(), http?.close()]);
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}/client/v4/accounts/${accountId}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { result: { id: string; name: string; client_id: string } }).result;
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm start scans for expiring tokens", () => {
  it("alerts a token expiring in 100 h by email and webhook, once, and stops on SIGTERM within 10 s", { timeout: 120_000 }, async () => {
    const hook = await post("/alerting/v3/destinations/webhooks", { name: "Ops", url: `${http.url}/ops`, secret: "e2e-secret" });
    await post("/alerting/v3/policies", {
      alert_type: "expiring_service_token_alert",
      name: "Expiring tokens",
      enabled: true,
      mechanisms: { email: [{ id: "ops@example.test" }], webhooks: [{ id: hook.id }] },
    });
    const expiring = await post("/access/service_tokens", { name: "nightly-backup", duration: "100h" });
    await post("/access/service_tokens", { name: "long-lived", duration: "8760h" });

    await until("the email and the webhook", () => smtp.messages.length >= 1 && http.accepted.length >= 1);
    // Three more scans.
    await new Promise((r) => setTimeout(r, 3500));
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Service token "nightly-backup" expires in 4 days']);
    expect(smtp.messages[0].text).toContain(`https://gatepost.example.test/service-tokens/${expiring.id}`);
    expect(http.accepted).toHaveLength(1);
    expect(http.accepted[0].headers["cf-webhook-auth"]).toBe("e2e-secret");
    expect(http.accepted[0].json.data).toMatchObject({ service_token_id: expiring.id, client_id: expiring.client_id });

    const res = await fetch(`${server.url}/client/v4/accounts/${accountId}/alerting/v3/history`, { headers: { authorization: `Bearer ${token}` } });
    const history = ((await res.json()) as { result: { status: string; mechanism_type: string }[] }).result;
    expect(history.map((h) => `${h.mechanism_type}:${h.status}`).sort()).toEqual(["email:sent", "webhook:sent"]);

    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
