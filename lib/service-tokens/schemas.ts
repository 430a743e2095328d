import { z } from "zod";
import { DEFAULT_DURATION, durationProblem } from "./duration";

// One schema per input, shared by the dashboard forms and the server (and, next, the REST API).

// PostgreSQL cannot store NUL in text: refuse it as bad input rather than fail in the database.
const noNul = (s: string) => !s.includes("\u0000");
const NO_NUL = "must not contain NUL characters";

export const tokenNameSchema = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine(noNul, NO_NUL);

export const tokenDurationSchema = z
  .string({ error: "must be a string" })
  .superRefine((value, ctx) => {
    const problem = durationProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createServiceTokenSchema = z.object({
  name: tokenNameSchema,
  duration: tokenDurationSchema.default(DEFAULT_DURATION),
});
export type CreateServiceTokenInput = z.input<typeof createServiceTokenSchema>;

export const updateServiceTokenSchema = z.object({
  name: tokenNameSchema.optional(),
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
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(1000).default(50),
  sort: z.enum(SORT_COLUMNS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: z.string().trim().max(255).refine(noNul, NO_NUL).optional(),
  name: z.string().max(255).refine(noNul, NO_NUL).optional(),
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

/** First problem of a failed parse as "field: reason". */
export function firstIssue(error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  return { field: issue.path.join(".") || "body", reason: issue.message };
}
