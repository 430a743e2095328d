import type { DeliveryStatus, LeadTimeChoice, MechanismType } from "@/lib/alerts/schemas";

// What the Notifications pages show. Pages pass the domain's views (lib/alerts) as they are.

/** A row of the alert policies list. */
export interface AlertPolicySummary {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  alertType: string;
  emailRecipients: string[];
  webhookIds: string[];
  /** Its destinations, named. */
  webhooks: { id: string; name: string }[];
  /** Ascending. */
  leadDays: number[];
  /** filters.token_id: empty for every token of the account. Kept as it is by the form. */
  tokenIds: string[];
  createdAt: Date;
}

/** A webhook destination: never its secret, only whether it has one. */
export interface WebhookSummary {
  id: string;
  name: string;
  url: string;
  hasSecret: boolean;
  lastSuccess: Date | null;
  lastFailure: Date | null;
  policyCount: number;
  createdAt: Date;
}

/** A destination as the policy form offers it. */
export type WebhookOption = Pick<WebhookSummary, "id" | "name" | "url">;

/** An alert type as GET .../available_alerts lists it. */
export interface AlertTypeOption {
  type: string;
  displayName: string;
  description: string;
  /** The product it belongs to ("Access"). */
  product: string;
}

/** A row of the delivery history. */
export interface DeliveryRow {
  id: string;
  policyId: string;
  policyName: string;
  serviceTokenId: string;
  serviceTokenName: string;
  /** Whether the token still exists (its page can be linked). */
  tokenExists: boolean;
  expiresAt: Date;
  leadDays: number;
  mechanism: MechanismType;
  /** The email address, or the destination's id. */
  target: string;
  targetName: string | null;
  status: DeliveryStatus;
  error: string | null;
  attempts: number;
  attemptLog: { at: string; outcome: string }[];
  createdAt: Date;
  sentAt: Date | null;
}

export type { DeliveryStatus, LeadTimeChoice, MechanismType };
