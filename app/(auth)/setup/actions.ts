"use server";

import { ensureDefaultAccount } from "@/lib/accounts/service";
import { createFirstAdmin } from "@/lib/admins/service";
import { formFailure, toFormFailure, type FormResult } from "@/lib/forms";

/**
 * The one-time set-up: the first Super Administrator of the default account. No session exists
 * yet, so there is no requireAdmin(); createFirstAdmin refuses once any administrator exists.
 */
export async function createFirstAdminAction(input: { email: string; password: string; confirm: string }): Promise<FormResult> {
  const value = (key: string) => (typeof input === "object" && input !== null ? (input as Record<string, unknown>)[key] : undefined);
  const email = value("email");
  const password = value("password");
  if (typeof password === "string" && password !== value("confirm")) return formFailure("The passwords do not match.", "confirm");
  try {
    const account = await ensureDefaultAccount();
    const admin = await createFirstAdmin(account.id, { email: email as string, password: password as string });
    if (!admin) return formFailure("An administrator already exists. Sign in instead.");
    return { ok: true };
  } catch (e) {
    return toFormFailure(e);
  }
}
