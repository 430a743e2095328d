import { describe, expect, it } from "vitest";
import { alertCorrelationId, alertEmail, alertPayload, daysUntil, type AlertFacts } from "./message";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const HOUR = 3_600_000;

function facts(over: Partial<AlertFacts> = {}): AlertFacts {
  return {
    accountId: "a".repeat(32),
    policyId: "0b9a7f5e-3d1c-4b2a-9e7d-8c1b3c0a6f11",
    policyName: "Token expiry",
    token: { id: "6f0a3c1e-8c1b-4d7e-9a2b-1c3d5e7f9a0b", name: "CI <deploy> & co", clientId: `${"c".repeat(32)}.access`, expiresAt: new Date(NOW.getTime() + 100 * HOUR) },
    leadDays: 7,
    applications: [{ id: "app-1", name: "Billing", domain: "billing.example.com" }],
    dashboardUrl: "https://gatepost.example.com/service-tokens/6f0a3c1e-8c1b-4d7e-9a2b-1c3d5e7f9a0b",
    now: NOW,
    ...over,
  };
}

describe("daysUntil", () => {
  it("counts whole days left, rounded down, never below 0", () => {
    expect(daysUntil(new Date(NOW.getTime() + 100 * HOUR), NOW)).toBe(4);
    expect(daysUntil(new Date(NOW.getTime() + 24 * HOUR), NOW)).toBe(1);
    expect(daysUntil(new Date(NOW.getTime() + 23 * HOUR), NOW)).toBe(0);
    expect(daysUntil(new Date(NOW.getTime() - HOUR), NOW)).toBe(0);
  });
});

describe("alertPayload", () => {
  it("has the generic webhook fields, and a text that reads on its own in Slack", () => {
    const p = alertPayload(facts(), "Ops channel");
    expect(p).toMatchObject({
      name: "Ops channel",
      data: { days_until_expiration: 4, days_before_expiration: 7, expires_at: "2026-12-05T14:00:00.000Z" },
      ts: Math.floor(NOW.getTime() / 1000),
      alert_type: "expiring_service_token_alert",
      alert_event: "ALERT_STATE_EVENT_START",
    });
    expect(p.text).toBe(
      `Service token "CI <deploy> & co" (client id ${"c".repeat(32)}.access) expires in 4 days, on 2026-12-05 14:00 UTC. ` +
        "Used by 1 application: Billing (billing.example.com). Refresh it: https://gatepost.example.com/service-tokens/6f0a3c1e-8c1b-4d7e-9a2b-1c3d5e7f9a0b",
    );
  });

  it("says when no application names the token, and when less than a day is left", () => {
    const p = alertPayload(facts({ applications: [], token: { ...facts().token, expiresAt: new Date(NOW.getTime() + 5 * HOUR) } }), "x");
    expect(p.text).toContain("expires in less than a day");
    expect(p.text).toContain("No application's Service Auth policy names it.");
  });

  it("gives one correlation id per (policy, token, expiry, lead time)", () => {
    const f = facts();
    const id = alertCorrelationId(f.policyId, f.token.id, f.token.expiresAt, 7);
    expect(alertPayload(f, "a").alert_correlation_id).toBe(id);
    expect(alertPayload(f, "b").alert_correlation_id).toBe(id);
    expect(alertCorrelationId(f.policyId, f.token.id, f.token.expiresAt, 30)).not.toBe(id);
    expect(alertCorrelationId(f.policyId, f.token.id, new Date(f.token.expiresAt.getTime() + HOUR), 7)).not.toBe(id);
  });
});

describe("alertEmail", () => {
  it("names the token and the days left in the subject, and has every fact in text and HTML", () => {
    const m = alertEmail(alertPayload(facts(), "Token expiry"));
    expect(m.subject).toBe('Service token "CI <deploy> & co" expires in 4 days');
    for (const fact of [`${"c".repeat(32)}.access`, "2026-12-05 14:00 UTC", "billing.example.com", "https://gatepost.example.com/service-tokens/6f0a3c1e-8c1b-4d7e-9a2b-1c3d5e7f9a0b"]) {
      expect(m.text).toContain(fact);
      expect(m.html).toContain(fact);
    }
    expect(m.text).toContain("CI <deploy> & co");
  });

  it("escapes the token's name in HTML and keeps the subject on one line", () => {
    const m = alertEmail(alertPayload(facts({ token: { ...facts().token, name: 'x"><script>1</script>\r\nBcc: a@b' } }), "p"));
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;");
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});
