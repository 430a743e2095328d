import { describe, expect, it } from "vitest";
import { createAlertPolicySchema, webhookInputSchema } from "./alerts/schemas";
import { toFormFailure } from "./forms";
import { parseInput } from "./input/parse";

/** What a dashboard form shows for the domain's refusal of `input`. */
function shown(schema: Parameters<typeof parseInput>[0], input: unknown) {
  try {
    parseInput(schema, input);
  } catch (e) {
    return toFormFailure(e);
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

const policy = { alert_type: "expiring_service_token_alert", name: "Expiring" };

describe("toFormFailure names the alerting fields as the Notifications forms do", () => {
  it("an email recipient by its place in the list", () => {
    expect(shown(createAlertPolicySchema, { ...policy, mechanisms: { email: [{ id: "ops@example.com" }, { id: "not an address" }] } })).toEqual({
      ok: false,
      field: "mechanisms.email.1.id",
      error: "Email recipient 2 must be an email address",
    });
  });

  it("a webhook destination by its place in the list", () => {
    expect(shown(createAlertPolicySchema, { ...policy, mechanisms: { webhooks: [{ id: "nope" }] } })).toMatchObject({
      field: "mechanisms.webhooks.0.id",
      error: "Webhook destination 1 must be a webhook destination id (UUID)",
    });
  });

  it("the lead times by the form's label", () => {
    expect(shown(createAlertPolicySchema, { ...policy, filters: { days_before_expiration: [] } })).toMatchObject({
      field: "filters.days_before_expiration",
      error: "Notify before expiry must list at least one of 30, 14, 7, 3, 1",
    });
    expect(shown(createAlertPolicySchema, { ...policy, filters: { days_before_expiration: ["2"] } })).toMatchObject({
      field: "filters.days_before_expiration.0",
      error: expect.stringMatching(/^Notify before expiry must be one of "30"/),
    });
  });

  it("a destination's URL and secret", () => {
    expect(shown(webhookInputSchema, { name: "Ops", url: "ftp://example.com" })).toMatchObject({ field: "url", error: expect.stringMatching(/^URL must be an http/) });
    expect(shown(webhookInputSchema, { name: "Ops", url: "https://example.com", secret: " padded " })).toMatchObject({
      field: "secret",
      error: expect.stringMatching(/^Secret must be printable ASCII/),
    });
  });
});
