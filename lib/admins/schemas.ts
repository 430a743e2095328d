import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/password-rules";
import { ROLES } from "../auth/permissions";
import { pageFields } from "../input/list";

// What an administrator's inputs may hold: the domain parses with these, and the dashboard's
// forms check with the same rules. Pure.

export const MAX_EMAIL_LENGTH = 320;

export const emailSchema = z.email("must be an email address").max(MAX_EMAIL_LENGTH).transform((e) => e.toLowerCase());
export const passwordSchema = z
  .string({ error: "must be a string" })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
export const roleSchema = z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` });

const passwordFields = { password: z.unknown().optional(), generatePassword: z.boolean({ error: "must be true or false" }).optional() };

/**
 * The password of `passwordFields`: typed (`password`) or one to generate (`generatePassword:
 * true`, then shown once), exactly one of the two; null means "generate one".
 */
function chosenPassword({ password, generatePassword }: { password?: unknown; generatePassword?: boolean }, ctx: z.RefinementCtx): string | null {
  if (generatePassword === true) {
    if (password === undefined || password === null || password === "") return null;
    ctx.addIssue({ code: "custom", path: ["password"], message: "must be left out when generatePassword is true" });
    return z.NEVER;
  }
  const parsed = passwordSchema.safeParse(password);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: "custom", path: ["password"], message: password === undefined ? "is required (or generatePassword: true)" : parsed.error.issues[0].message });
  return z.NEVER;
}

export const createAdminSchema = z
  .object({ email: emailSchema, role: roleSchema, ...passwordFields })
  .transform(({ email, role, ...password }, ctx) => ({ email, role, password: chosenPassword(password, ctx) }));
export type CreateAdminInput = z.input<typeof createAdminSchema>;

export const resetAdminPasswordSchema = z.object(passwordFields).transform((input, ctx) => ({ password: chosenPassword(input, ctx) }));
export type ResetAdminPasswordInput = z.input<typeof resetAdminPasswordSchema>;

export const updateAdminRoleSchema = z.object({ role: roleSchema });
export type UpdateAdminRoleInput = z.input<typeof updateAdminRoleSchema>;

export const ADMIN_SORT_COLUMNS = ["createdAt", "email"] as const;
export type AdminSortColumn = (typeof ADMIN_SORT_COLUMNS)[number];

export const listAdminsSchema = z.object({
  ...pageFields(200),
  sort: z.enum(ADMIN_SORT_COLUMNS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});
export type ListAdminsInput = z.input<typeof listAdminsSchema>;
