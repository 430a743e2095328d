import type { WebhookView } from "./destinations";
import type { DeliveryView } from "./history";
import type { AlertPolicyView } from "./policies";
import { ALERT_TYPES, LEAD_TIME_CHOICES, type LeadTimeChoice } from "./schemas";

// The REST API's alerting v3 objects (Cloudflare's shapes, README › REST API) built from the domain
// views. Each function lists its fields, so nothing a view gains later leaks by accident (a
// destination's secret is not even in its view). Pure.

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function alertPolicyToApi(p: AlertPolicyView) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    enabled: p.enabled,
    alert_type: p.alertType,
    mechanisms: { email: p.emailRecipients.map((id) => ({ id })), webhooks: p.webhookIds.map((id) => ({ id })) },
    filters: {
      // Longest first, as strings: Cloudflare's filters are arrays of strings.
      days_before_expiration: [...p.leadDays].sort((a, b) => b - a).map((d) => String(d) as LeadTimeChoice),
      ...(p.tokenIds.length > 0 ? { token_id: p.tokenIds } : {}),
    },
    created: iso(p.createdAt),
    modified: iso(p.updatedAt),
  };
}

export function webhookToApi(w: WebhookView) {
  return {
    id: w.id,
    name: w.name,
    // Gatepost sends one payload to every destination; its `text` is what Slack and Mattermost show.
    type: "generic",
    url: w.url,
    created_at: iso(w.createdAt),
    last_success: iso(w.lastSuccess),
    last_failure: iso(w.lastFailure),
  };
}

export function historyToApi(d: DeliveryView) {
  return {
    id: d.id,
    name: d.policyName,
    alert_type: "expiring_service_token_alert",
    alert_body: d.alertBody,
    mechanism: d.target,
    mechanism_type: d.mechanism,
    policy_id: d.policyId,
    sent: iso(d.sentAt),
    // Gatepost's: what happened, about which token and expiry.
    status: d.status,
    error: d.error,
    attempts: d.attempts,
    attempt_log: d.attemptLog,
    destination_name: d.targetName,
    service_token_id: d.serviceTokenId,
    service_token_name: d.serviceTokenName,
    expires_at: iso(d.expiresAt),
    days_before_expiration: d.leadDays,
    created_at: iso(d.createdAt),
  };
}

/** GET .../alerting/v3/available_alerts: alert types by product, with their filters. */
export function availableAlerts() {
  return {
    Access: ALERT_TYPES.map((type) => ({
      type,
      display_name: "Expiring Access Service Token Alert",
      description: "Alerts before an Access service token expires, so that an administrator can refresh it in time.",
      filter_options: [
        {
          Key: "days_before_expiration",
          ComparisonOperator: "==",
          Optional: true,
          Range: `1-${LEAD_TIME_CHOICES.length}`,
          AvailableValues: LEAD_TIME_CHOICES.map((d) => ({ ID: d, Name: `${d} day${d === "1" ? "" : "s"} before` })),
        },
        { Key: "token_id", ComparisonOperator: "==", Optional: true, Range: "1-n", AvailableValues: null },
      ],
    })),
  };
}
