"use server";

import { deleteAdmin, resetAdminPassword, updateAdminRole } from "@/lib/admins/changes";
import type { CreateAdminInput, ResetAdminPasswordInput, UpdateAdminRoleInput } from "@/lib/admins/schemas";
import { createAdmin } from "@/lib/admins/service";
import { adminAction } from "@/lib/auth/admin-action";

// Server actions of Settings > Administrators (Super Administrators: the domain checks
// admins:write). Add and Reset password answer with a generated password when one was asked for:
// that answer is the one-time reveal, and nothing else ever carries it.

const ADMINS = { revalidate: [{ layout: "/settings" }] };

export const addAdminAction = adminAction(
  async (actor, input: CreateAdminInput) => {
    const admin = await createAdmin(actor, input);
    return { email: admin.email, generatedPassword: admin.generatedPassword ?? null };
  },
  { ...ADMINS, conflictField: "email" },
);

export const changeAdminRoleAction = adminAction(
  async (actor, id: string, input: UpdateAdminRoleInput) => {
    const admin = await updateAdminRole(actor, id, input);
    return { email: admin.email, role: admin.role };
  },
  { ...ADMINS, conflictField: "role" },
);

export const resetAdminPasswordAction = adminAction(async (actor, id: string, input: ResetAdminPasswordInput) => {
  const admin = await resetAdminPassword(actor, id, input);
  return { email: admin.email, generatedPassword: admin.generatedPassword ?? null };
}, ADMINS);

export const removeAdminAction = adminAction(async (actor, id: string) => ({ email: (await deleteAdmin(actor, id)).email }), ADMINS);
