import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { parseInput } from "../input/parse";
import { createAlertPolicySchema, listAlertHistorySchema, updateAlertPolicySchema, webhookInputSchema } from "./schemas";

const TOKEN = "6f0a3c1e-8c1b-4d7e-9a2b-1c3d5e7f9a0b";
const HOOK = "0b9a7f5e-3d1c-4b2a-9e7d-8c1b3c0a6f11";

function refusal(schema: Parameters<typeof parseInput>[0], input: unknown): string {
  try {
    parseInput(schema, input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

const base = { alert_type: "expiring_service_token_alert", name: "Token expiry" };

describe("createAlertPolicySchema", () => {
  it("takes Cloudflare's shape, with the defaults: enabled, a 7-day lead time, every token", () => {
    expect(parseInput(createAlertPolicySchema, { ...base, mechanisms: {} })).toEqual({
      ...base,
      description: "",
      enabled: true,
      mechanisms: { email: [], webhooks: [] },
      filters: { leadDays: [7], tokenIds: [] },
    });
  });

  it("reads mechanisms and the lead times (strings, any order) and the token filter", () => {
    const parsed = parseInput(createAlertPolicySchema, {
      ...base,
      description: " For the CI tokens ",
      enabled: false,
      mechanisms: { email: [{ id: " ops@example.com " }], webhooks: [{ id: HOOK.toUpperCase() }] },
      filters: { days_before_expiration: ["7", "30", "1"], token_id: [TOKEN] },
      alert_interval: "1h",
    });
    expect(parsed).toMatchObject({
      description: "For the CI tokens",
      enabled: false,
      mechanisms: { email: ["ops@example.com"], webhooks: [HOOK] },
      filters: { leadDays: [1, 7, 30], tokenIds: [TOKEN] },
    });
  });

  it("treats null as absent", () => {
    expect(parseInput(createAlertPolicySchema, { ...base, description: null, enabled: null, mechanisms: null, filters: { days_before_expiration: null } })).toMatchObject({
      description: "",
      enabled: true,
      filters: { leadDays: [7] },
    });
  });

  it.each([
    [{ ...base, alert_type: "universal_ssl_event_type" }, "invalid request: alert_type: must be \"expiring_service_token_alert\""],
    [{ name: "x" }, "invalid request: alert_type:"],
    [{ ...base, name: "" }, "invalid request: name: must not be empty"],
    [{ ...base, mechanisms: { email: [{ id: "not an address" }] } }, "invalid request: mechanisms.email.0.id: must be an email address"],
    [{ ...base, mechanisms: { email: ["ops@example.com"] } }, "invalid request: mechanisms.email.0: must be an object"],
    [{ ...base, mechanisms: { email: [{ id: "a@example.com" }, { id: "A@example.com" }] } }, "invalid request: mechanisms.email.1: is listed more than once"],
    [{ ...base, mechanisms: { webhooks: [{ id: "hook" }] } }, "invalid request: mechanisms.webhooks.0.id: must be a webhook destination id (UUID)"],
    [{ ...base, mechanisms: { pagerduty: [{ id: "x" }] } }, "invalid request: mechanisms.pagerduty: is not a mechanism"],
    [{ ...base, mechanisms: [] }, "invalid request: mechanisms: must be an object"],
    [{ ...base, filters: { days_before_expiration: ["10"] } }, "invalid request: filters.days_before_expiration.0: must be one of \"30\", \"14\", \"7\", \"3\", \"1\""],
    [{ ...base, filters: { days_before_expiration: [7] } }, "invalid request: filters.days_before_expiration.0: must be one of"],
    [{ ...base, filters: { days_before_expiration: [] } }, "invalid request: filters.days_before_expiration: must list at least one"],
    [{ ...base, filters: { days_before_expiration: ["7", "7"] } }, "invalid request: filters.days_before_expiration.1: is listed more than once"],
    [{ ...base, filters: { zones: ["x"] } }, "invalid request: filters.zones: is not a filter of expiring_service_token_alert"],
    [{ ...base, filters: { token_id: ["nope"] } }, "invalid request: filters.token_id.0: must be a service token id (UUID)"],
    [{ ...base, enabled: "yes" }, "invalid request: enabled: must be true or false"],
    [{ ...base, description: "x".repeat(1025) }, "invalid request: description: must be at most 1024 characters"],
    [{ ...base, description: "nul\u0000" }, "invalid request: description: must not contain NUL"],
  ])("refuses %j naming the field", (input, message) => {
    expect(refusal(createAlertPolicySchema, input).startsWith(message), refusal(createAlertPolicySchema, input)).toBe(true);
  });
});

describe("updateAlertPolicySchema", () => {
  it("leaves out what is not given, so that the stored value stays", () => {
    expect(parseInput(updateAlertPolicySchema, { enabled: false })).toEqual({ enabled: false });
    expect(parseInput(updateAlertPolicySchema, { id: "x", created: "y", name: null })).toEqual({});
  });
});

describe("webhookInputSchema", () => {
  it("takes http and https URLs and an optional secret", () => {
    expect(parseInput(webhookInputSchema, { name: "Slack", url: "https://hooks.slack.com/services/T/B/x" })).toEqual({ name: "Slack", url: "https://hooks.slack.com/services/T/B/x" });
    expect(parseInput(webhookInputSchema, { name: "Local", url: "http://127.0.0.1:8080/hook", secret: "s3cr3t value" })).toMatchObject({ secret: "s3cr3t value" });
    expect(parseInput(webhookInputSchema, { name: "x", url: "https://a.example/", secret: "" })).toMatchObject({ secret: "" });
  });

  it.each([
    [{ name: "x", url: "ftp://example.com/x" }, "invalid request: url: must be an http:// or https:// URL"],
    [{ name: "x", url: "javascript:alert(1)" }, "invalid request: url: must be an http:// or https:// URL"],
    [{ name: "x", url: "not a url" }, "invalid request: url: must be an http:// or https:// URL"],
    [{ name: "x", url: "https://user:pw@example.com/" }, "invalid request: url: must not contain a user name or password"],
    [{ name: "x", url: `https://example.com/${"a".repeat(2048)}` }, "invalid request: url: must be at most 2048 characters"],
    [{ name: "x" }, "invalid request: url:"],
    [{ url: "https://example.com/" }, "invalid request: name:"],
    [{ name: "x", url: "https://example.com/", secret: "line\nbreak" }, "invalid request: secret: must be printable ASCII"],
    [{ name: "x", url: "https://example.com/", secret: " padded" }, "invalid request: secret: must be printable ASCII"],
    [{ name: "x", url: "https://example.com/", secret: 5 }, "invalid request: secret: must be a string"],
  ])("refuses %j naming the field", (input, message) => {
    expect(refusal(webhookInputSchema, input).startsWith(message), refusal(webhookInputSchema, input)).toBe(true);
  });
});

describe("listAlertHistorySchema", () => {
  it("pages by 25 by default and takes RFC 3339 bounds", () => {
    expect(parseInput(listAlertHistorySchema, { since: "2026-01-01T00:00:00Z" })).toMatchObject({ page: 1, perPage: 25, since: new Date("2026-01-01T00:00:00Z") });
  });

  it("refuses a bound that is not a date, a before that is not after since, and unknown filter values", () => {
    expect(refusal(listAlertHistorySchema, { since: "yesterday" })).toMatch(/^invalid request: since: must be an RFC 3339 date-time/);
    expect(refusal(listAlertHistorySchema, { since: "2026-01-02T00:00:00Z", before: "2026-01-01T00:00:00Z" })).toBe("invalid request: before: must be after since");
    expect(refusal(listAlertHistorySchema, { status: "lost" })).toMatch(/^invalid request: status: must be one of/);
    expect(refusal(listAlertHistorySchema, { mechanism_type: "sms" })).toMatch(/^invalid request: mechanism_type:/);
    expect(refusal(listAlertHistorySchema, { policy_id: "x" })).toMatch(/^invalid request: policy_id:/);
  });
});
