import { z } from "zod";
import { pageFields, searchSchema } from "../input/list";
import { nameSchema, shortTextSchema } from "../input/text";
import { DEFAULT_DURATION, durationProblem } from "./duration";

// One schema per input, shared by the dashboard forms and the server (and, next, the REST API).

export const tokenDurationSchema = z
  .string({ error: "must be a string" })
  .superRefine((value, ctx) => {
    const problem = durationProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createServiceTokenSchema = z.object({
  name: nameSchema,
  duration: tokenDurationSchema.default(DEFAULT_DURATION),
});
export type CreateServiceTokenInput = z.input<typeof createServiceTokenSchema>;

export const updateServiceTokenSchema = z.object({
  name: nameSchema.optional(),
  duration: tokenDurationSchema.optional(),
  enabled: z.boolean({ error: "must be true or false" }).optional(),
  /**
   * The dashboard's "Extend by": extend even when `duration` equals the stored one. Without it (the
   * REST API's PUT), repeating the stored duration changes no expiry, so GET-then-PUT is idempotent.
   */
  extend: z.boolean({ error: "must be true or false" }).optional(),
});
export type UpdateServiceTokenInput = z.input<typeof updateServiceTokenSchema>;

export const rotateServiceTokenSchema = z.object({
  previousSecretExpiresAt: z.date({ error: "must be an RFC 3339 date-time" }).optional(),
  /** Rotate only if the stored version is still this one (a PUT's bump), else a conflict. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type RotateServiceTokenInput = z.input<typeof rotateServiceTokenSchema>;

export const SORT_COLUMNS = ["name", "clientId", "expiresAt", "lastSeenAt", "createdAt"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const listServiceTokensSchema = z.object({
  ...pageFields(),
  sort: z.enum(SORT_COLUMNS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: searchSchema.optional(),
  /** Exactly this name (the REST API's `name` filter). */
  name: shortTextSchema.optional(),
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
