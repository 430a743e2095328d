"use server";

import { setUpFirstAdmin } from "@/lib/admins/service";
import { formFailure, toFormFailure, type FormResult } from "@/lib/forms";

/**
 * The one-time set-up: the first Super Administrator of the default account. No session exists
 * yet, so there is no adminAction(); setUpFirstAdmin refuses once any administrator exists.
 */
export async function createFirstAdminAction(input: { email: string; password: string; confirm: string }): Promise<FormResult> {
  const value = (key: string) => (typeof input === "object" && input !== null ? (input as Record<string, unknown>)[key] : undefined);
  const password = value("password");
  if (typeof password === "string" && password !== value("confirm")) return formFailure("The passwords do not match.", "confirm");
  try {
    const admin = await setUpFirstAdmin({ email: value("email") as string, password: password as string });
    return admin ? { ok: true } : formFailure("An administrator already exists. Sign in instead.");
  } catch (e) {
    return toFormFailure(e);
  }
}
