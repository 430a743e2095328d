import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { createApiTokenWithCli, insertAccount, insertApiToken } from "../harness/server-fixtures";
import { startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from "../harness/alert-sinks";

// The scanner as `npm start` runs it: a server of its own (server.ts, embedded PostgreSQL) scanning
// every second, configured only through the environment, set up only through the REST API, alerting
// a real SMTP server and a real HTTP server; then SIGTERM stops it, scanner included, in time. It
// logs at debug, so that the check of what its log never holds reads every line it would write;
// that check runs first, in an account of its own, before the last test stops the server.

let server: TestServer;
let smtp: SmtpSink;
let http: HttpSink;
let token: string;
let accountId: string;

beforeAll(async () => {
  [smtp, http] = await Promise.all([startSmtpSink(), startHttpSink()]);
  server = await startTestServer({ logLevel: "debug", env: { ALERT_SCAN_INTERVAL: "1s", SMTP_URL: smtp.url, SMTP_FROM: "Gatepost <alerts@example.test>", PUBLIC_URL: "https://gatepost.example.test" } });
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

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a webhook destination's secret and URL", () => {
  it("never reach the server's log: not on create, update, a refused request nor a delivery that fails", { timeout: 120_000 }, async () => {
    const db = embeddedDatabaseUrl(server.dataDir);
    const account = await insertAccount(db, "webhook secrets");
    const writer = await insertApiToken(db, { accountId: account, name: "webhook-secrets", permissions: ["Access: Service Tokens Write", "Notifications Write"] });
    const send = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/client/v4/accounts/${account}${path}`, {
        method,
        headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as { result: any } };
    };
    // The path's random part is what a Slack webhook's path is: a credential of its own.
    const pathSecret = randomBytes(12).toString("hex");
    const hookPath = `/services/${pathSecret}`;
    const [first, second] = [`whsec-${randomBytes(12).toString("hex")}`, `whsec-${randomBytes(12).toString("hex")}`];
    // Its own receiver, answering 500 to every attempt, so that nothing reaches the other test's.
    const receiver = await startHttpSink();
    try {
      receiver.script(hookPath, [500, 500, 500, 500, 500, 500]);
      const refused = await send("POST", "/alerting/v3/destinations/webhooks", { name: "Ops", url: `ftp://127.0.0.1${hookPath}`, secret: first });
      expect(refused.status).toBe(400);
      const created = await send("POST", "/alerting/v3/destinations/webhooks", { name: "Ops", url: `${receiver.url}${hookPath}`, secret: first });
      expect(created.status).toBe(201);
      const hook = created.json.result as { id: string };
      const updated = await send("PUT", `/alerting/v3/destinations/webhooks/${hook.id}`, { name: "Ops", url: `${receiver.url}${hookPath}`, secret: second });
      expect(updated.status).toBe(200);
      const policy = await send("POST", "/alerting/v3/policies", {
        alert_type: "expiring_service_token_alert",
        name: "Expiring tokens",
        enabled: true,
        mechanisms: { webhooks: [{ id: hook.id }] },
      });
      expect(policy.status).toBe(201);
      expect((await send("POST", "/access/service_tokens", { name: "nightly-export", duration: "100h" })).status).toBe(201);

      // Five attempts over 15 s (1, 2, 4, 8 s apart), each refused, then recorded as failed.
      let history: { status: string; mechanism_type: string }[] = [];
      await until(
        "the delivery recorded as failed",
        async () => {
          history = (await send("GET", "/alerting/v3/history")).json.result;
          return history.some((h) => h.status === "failed");
        },
        90_000,
      );
      expect(history.map((h) => `${h.mechanism_type}:${h.status}`)).toEqual(["webhook:failed"]);
      const attempts = receiver.received.filter((r) => r.path === hookPath);
      expect(attempts).toHaveLength(5);
      expect(attempts.every((r) => r.headers["cf-webhook-auth"] === second)).toBe(true);

      // The log saw the failure (so it is the log of these requests), by the destination's id only.
      const log = await readFile(server.logFile, "utf8");
      const failure = log.split("\n").find((line) => line.includes("alert delivery failed") && line.includes(hook.id));
      expect(failure, "the failed delivery is logged").toBeDefined();
      expect(JSON.parse(failure!)).toMatchObject({ mechanism: "webhook", destination: hook.id, error: "HTTP 500" });
      for (const value of [first, second, pathSecret]) expect(log.includes(value), `the log holds ${value.slice(0, 9)}…`).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});

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
