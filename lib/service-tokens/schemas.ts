import { z } from "zod";
import { pageFields, searchSchema } from "../input/list";
import { nameSchema, shortTextSchema } from "../input/text";
import { DEFAULT_DURATION, durationProblem } from "./duration";
import { TOKEN_FILTERS } from "./filters";

// One schema per input, shared by the dashboard forms and the server (and, next, the REST API).

export const tokenDurationSchema = z
  .string({ error: "must be a string" })
  .superRefine((value, ctx) => {
    const problem = durationProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const enabledSchema = z.boolean({ error: "must be true or false" });

export const createServiceTokenSchema = z.object({
  name: nameSchema,
  duration: tokenDurationSchema.default(DEFAULT_DURATION),
  /** false: created disabled, in the same transaction (the REST API's `enabled` on create). Default true. */
  enabled: enabledSchema.optional(),
});
export type CreateServiceTokenInput = z.input<typeof createServiceTokenSchema>;

export const updateServiceTokenSchema = z.object({
  name: nameSchema.optional(),
  duration: tokenDurationSchema.optional(),
  enabled: enabledSchema.optional(),
  /**
   * The dashboard's "Extend by": extend even when `duration` equals the stored one. Without it (the
   * REST API's PUT), repeating the stored duration changes no expiry, so GET-then-PUT is idempotent.
   */
  extend: z.boolean({ error: "must be true or false" }).optional(),
});
export type UpdateServiceTokenInput = z.input<typeof updateServiceTokenSchema>;

/** The end of a rotation's grace period (the old secret works until then); not in the future: none. */
const graceEndSchema = z.date({ error: "must be an RFC 3339 date-time" });

export const rotateServiceTokenSchema = z.object({
  previousSecretExpiresAt: graceEndSchema.optional(),
});
export type RotateServiceTokenInput = z.input<typeof rotateServiceTokenSchema>;

/**
 * Every field of a token at once, as the REST API's PUT sends them: the edit (name, enabled, a
 * different duration), then the secret: `clientSecretVersion` = stored + 1 rotates it, with the old
 * secret lasting until `previousSecretExpiresAt`; otherwise a `previousSecretExpiresAt` moves the
 * end of the running grace period.
 */
export const updateOrRotateServiceTokenSchema = updateServiceTokenSchema.omit({ extend: true }).extend({
  clientSecretVersion: z.number({ error: "must be an integer" }).int("must be an integer").min(1, "must be at least 1").optional(),
  previousSecretExpiresAt: graceEndSchema.optional(),
  /**
   * When the caller's request began (default: when the call began). A rotation written after it
   * made the version the request asks for behind its back: the request lost that race.
   */
  requestedAt: z.date().optional(),
});
export type UpdateOrRotateServiceTokenInput = z.input<typeof updateOrRotateServiceTokenSchema>;

export const SORT_COLUMNS = ["name", "clientId", "expiresAt", "lastSeenAt", "createdAt"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const listServiceTokensSchema = z.object({
  ...pageFields(),
  sort: z.enum(SORT_COLUMNS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: searchSchema.optional(),
  /** Exactly this name (the REST API's `name` filter). */
  name: shortTextSchema.optional(),
  /** Only the tokens of one filter (filters.ts says which): the dashboard's ?status=, not the REST API's. */
  status: z.enum(TOKEN_FILTERS, { error: `must be one of ${TOKEN_FILTERS.join(", ")}` }).optional(),
});
export type ListServiceTokensInput = z.input<typeof listServiceTokensSchema>;

/** Dashboard grace periods for a rotation, in hours (0 = the old secret stops at once). */
export const ROTATION_GRACE_CHOICES = [
  { label: "Immediately", hours: 0 },
  { label: "1 hour", hours: 1 },
  { label: "24 hours", hours: 24 },
  { label: "7 days", hours: 24 * 7 },
  { label: "30 days", hours: 24 * 30 },
] as const;

/** Dashboard duration presets. */
export const DURATION_CHOICES = [
  { label: "1 year", value: "8760h" },
  { label: "2 years", value: "17520h" },
  { label: "5 years", value: "43800h" },
  { label: "Non-expiring", value: "forever" },
] as const;
