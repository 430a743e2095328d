import { z } from "zod";
import { pageFields } from "../input/list";
import { isStorableText, nameSchema, STORABLE_TEXT_MESSAGE } from "../input/text";
import { timestampSchema } from "../input/time";
import { isUuid } from "../input/uuid";

// One schema per input of lib/alerts, parsed by lib/input/parse.ts. Bodies use the REST API's
// field names (Cloudflare's alerting v3 shapes), so that "invalid request: <field>: <reason>" names
// what the caller sent; a null counts as an absent field. Pure: shared by forms and server.

// ---- Alert types and lead times ---------------------------------------------------------------

export const ALERT_TYPES = ["expiring_service_token_alert"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** filters.days_before_expiration: the lead times a policy may choose, longest first. */
export const LEAD_TIME_CHOICES = ["30", "14", "7", "3", "1"] as const;
export type LeadTimeChoice = (typeof LEAD_TIME_CHOICES)[number];
/** Cloudflare's fixed week. */
export const DEFAULT_LEAD_DAYS = [7];

export const MAX_EMAIL_RECIPIENTS = 50;
export const MAX_WEBHOOKS_PER_POLICY = 20;
export const MAX_TOKEN_FILTER = 1000;

const MECHANISMS = ["email", "webhooks"] as const;
const FILTERS = ["days_before_expiration", "token_id"] as const;

/** Absent and null are the same: some clients send unset optional fields as null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional().transform((v) => v ?? undefined);

/** Refuses keys outside `known`, naming the key: an ignored mechanism or filter would silently change what is alerted. */
function onlyKeys(known: readonly string[], what: (key: string) => string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) ctx.addIssue({ code: "custom", message: what(key), path: [key] });
    }
  };
}

/** An array whose entries are parsed by `item` and must not repeat (compared by `key`). */
function uniqueList<T extends z.ZodType>(item: T, key: (v: z.output<T>) => string, opts: { max: number; what: string }) {
  return z
    .array(item, { error: `must be an array of ${opts.what}` })
    .max(opts.max, `must have at most ${opts.max} entries`)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        const k = key(v);
        if (seen.has(k)) ctx.addIssue({ code: "custom", message: "is listed more than once", path: [i] });
        seen.add(k);
      });
    });
}

// ---- Alert policies ---------------------------------------------------------------------------

export const descriptionSchema = z
  .string({ error: "must be a string" })
  .trim()
  .max(1024, "must be at most 1024 characters")
  .refine(isStorableText, STORABLE_TEXT_MESSAGE);

const emailAddressSchema = z
  .string({ error: "must be an email address" })
  .trim()
  .max(320, "must be at most 320 characters")
  .pipe(z.email({ error: "must be an email address" }));

const emailMechanismSchema = z.object({ id: emailAddressSchema }, { error: 'must be an object {"id": "<email address>"}' });
const webhookMechanismSchema = z.object(
  {
    id: z
      .string({ error: "must be a webhook destination id" })
      .trim()
      .refine(isUuid, "must be a webhook destination id (UUID)")
      .transform((id) => id.toLowerCase()),
  },
  { error: 'must be an object {"id": "<webhook destination id>"}' },
);

export const mechanismsSchema = z
  .object(
    {
      email: optional(uniqueList(emailMechanismSchema, (m) => m.id.toLowerCase(), { max: MAX_EMAIL_RECIPIENTS, what: '{"id": "<email address>"} objects' })),
      webhooks: optional(uniqueList(webhookMechanismSchema, (m) => m.id, { max: MAX_WEBHOOKS_PER_POLICY, what: '{"id": "<webhook destination id>"} objects' })),
    },
    { error: 'must be an object such as {"email": [{"id": "ops@example.com"}], "webhooks": [{"id": "<destination id>"}]}' },
  )
  .catchall(z.unknown())
  .superRefine(onlyKeys(MECHANISMS, (key) => `is not a mechanism Gatepost sends to; the mechanisms are ${MECHANISMS.join(" and ")}`))
  .transform((m) => ({ email: (m.email ?? []).map((e) => e.id), webhooks: (m.webhooks ?? []).map((w) => w.id) }));

const leadTimeSchema = z.enum(LEAD_TIME_CHOICES, { error: `must be one of ${LEAD_TIME_CHOICES.map((c) => `"${c}"`).join(", ")} (days, as strings)` });

export const filtersSchema = z
  .object(
    {
      days_before_expiration: optional(
        uniqueList(leadTimeSchema, (d) => d, { max: LEAD_TIME_CHOICES.length, what: "day counts as strings" }).min(1, `must list at least one of ${LEAD_TIME_CHOICES.join(", ")}`),
      ),
      token_id: optional(
        uniqueList(
          z
            .string({ error: "must be a service token id" })
            .trim()
            .refine(isUuid, "must be a service token id (UUID)")
            .transform((id) => id.toLowerCase()),
          (id) => id,
          { max: MAX_TOKEN_FILTER, what: "service token ids" },
        ),
      ),
    },
    { error: 'must be an object such as {"days_before_expiration": ["30", "7"]}' },
  )
  .catchall(z.unknown())
  .superRefine(onlyKeys(FILTERS, (key) => `is not a filter of expiring_service_token_alert; its filters are ${FILTERS.join(" and ")}`))
  .transform((f) => ({
    leadDays: f.days_before_expiration ? f.days_before_expiration.map(Number).sort((a, b) => a - b) : DEFAULT_LEAD_DAYS,
    tokenIds: f.token_id ?? [],
  }));

const alertTypeSchema = z.enum(ALERT_TYPES, { error: `must be "expiring_service_token_alert" (the only alert type; GET .../alerting/v3/available_alerts lists it)` });
const enabledSchema = z.boolean({ error: "must be true or false" });

/** An alert policy as created: omitted optional fields take their defaults (enabled, no recipients, a 7-day lead time). */
export const createAlertPolicySchema = z.object({
  alert_type: alertTypeSchema,
  name: nameSchema,
  description: optional(descriptionSchema).transform((d) => d ?? ""),
  enabled: optional(enabledSchema).transform((e) => e ?? true),
  mechanisms: optional(mechanismsSchema).transform((m) => m ?? { email: [], webhooks: [] }),
  filters: optional(filtersSchema).transform((f) => f ?? { leadDays: DEFAULT_LEAD_DAYS, tokenIds: [] }),
});
export type CreateAlertPolicyInput = z.input<typeof createAlertPolicySchema>;
export type AlertPolicyContent = z.output<typeof createAlertPolicySchema>;

/**
 * An update (PUT, as Cloudflare's SDK sends it: every field optional): what is given replaces the
 * stored value, what is omitted stays. `filters` given is the whole filter set.
 */
export const updateAlertPolicySchema = z.object({
  alert_type: optional(alertTypeSchema),
  name: optional(nameSchema),
  description: optional(descriptionSchema),
  enabled: optional(enabledSchema),
  mechanisms: optional(mechanismsSchema),
  filters: optional(filtersSchema),
});
export type UpdateAlertPolicyInput = z.input<typeof updateAlertPolicySchema>;

export const listAlertPoliciesSchema = z.object(pageFields());
export type ListAlertPoliciesInput = z.input<typeof listAlertPoliciesSchema>;

// ---- Webhook destinations ---------------------------------------------------------------------

const URL_HINT = "must be an http:// or https:// URL such as https://hooks.slack.com/services/...";

export const webhookUrlSchema = z
  .string({ error: URL_HINT })
  .trim()
  .max(2048, "must be at most 2048 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: URL_HINT });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: URL_HINT });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not contain a user name or password; use the secret (sent as cf-webhook-auth)" });
  });

/** Sent as the cf-webhook-auth header: printable ASCII, no surrounding spaces. "" removes the secret. */
export const webhookSecretSchema = z
  .string({ error: "must be a string" })
  .max(1024, "must be at most 1024 characters")
  .regex(/^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/, "must be printable ASCII without leading or trailing spaces (it is sent as an HTTP header)");

/**
 * A webhook destination as created, or as replaced by PUT: name and url always; the secret is
 * write-only, so an omitted (or null) secret keeps the stored one, and "" removes it.
 */
export const webhookInputSchema = z.object({
  name: nameSchema,
  url: webhookUrlSchema,
  secret: optional(webhookSecretSchema),
});
export type WebhookInput = z.input<typeof webhookInputSchema>;

export const listWebhooksSchema = z.object(pageFields());
export type ListWebhooksInput = z.input<typeof listWebhooksSchema>;

// ---- History ----------------------------------------------------------------------------------

export const DELIVERY_STATUSES = ["pending", "sent", "failed", "not_sent"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const MECHANISM_TYPES = ["email", "webhook"] as const;
export type MechanismType = (typeof MECHANISM_TYPES)[number];

export const listAlertHistorySchema = z
  .object({
    ...pageFields(1000, 25),
    /** Records created at or after `since`, and before `before`. */
    since: timestampSchema.optional(),
    before: timestampSchema.optional(),
    // Filters by their REST names, so that a 400 names the query parameter.
    policy_id: z.uuid({ error: "must be an alert policy id (UUID)" }).optional(),
    mechanism_type: z.enum(MECHANISM_TYPES, { error: 'must be "email" or "webhook"' }).optional(),
    status: z.enum(DELIVERY_STATUSES, { error: `must be one of: ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.since && q.before && q.since >= q.before) ctx.addIssue({ code: "custom", message: "must be after since", path: ["before"] });
  });
export type ListAlertHistoryInput = z.input<typeof listAlertHistorySchema>;
