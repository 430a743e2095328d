"use server";

import { revalidatePath } from "next/cache";
import { createApp, deleteApp, replaceApp, revokeAppTokens } from "@/lib/access/apps";
import type { AppInput } from "@/lib/access/schemas";
import type { Role } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AppError } from "@/lib/errors";
import { formFailure, type FormFailure, type FormResult } from "@/lib/forms";
import { accessFormFailure } from "./form-failure";

// Server actions of the Applications pages: identify the administrator, call one domain function
// (which checks the role and parses the input with appInputSchema), answer with a FormResult.
// Arguments come from the network: they are handed to the domain as they are, and its schema
// decides what they mean.

/** The lists and pages that show applications, and the policies list (its "Used by" counts). */
function revalidateApps() {
  revalidatePath("/applications", "layout");
  revalidatePath("/policies");
}

/** The only conflict an application raises is a taken domain: the form marks that field. */
function saveFailure(error: unknown, role: Role): FormFailure {
  const failure = accessFormFailure(error, role);
  return error instanceof AppError && error.code === "conflict" ? formFailure(failure.error, "domain") : failure;
}

export async function createAppAction(input: AppInput): Promise<FormResult<{ app: { id: string; name: string } }>> {
  const actor = await requireAdmin();
  try {
    const app = await createApp(actor, input);
    revalidateApps();
    return { ok: true, app: { id: app.id, name: app.name } };
  } catch (e) {
    return saveFailure(e, actor.role);
  }
}

export async function replaceAppAction(id: string, input: AppInput): Promise<FormResult<{ app: { id: string; name: string } }>> {
  const actor = await requireAdmin();
  try {
    const app = await replaceApp(actor, id, input);
    revalidateApps();
    return { ok: true, app: { id: app.id, name: app.name } };
  } catch (e) {
    return saveFailure(e, actor.role);
  }
}

/**
 * Does not revalidate: re-rendering the deleted application's own page would flash its "not found"
 * state; the caller refreshes the list or navigates to it instead.
 */
export async function deleteAppAction(id: string): Promise<FormResult<{ name: string }>> {
  const actor = await requireAdmin();
  try {
    const app = await deleteApp(actor, id);
    return { ok: true, name: app.name };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

export async function revokeAppTokensAction(id: string): Promise<FormResult<{ name: string; lastRevokedAt: Date | null }>> {
  const actor = await requireAdmin();
  try {
    const app = await revokeAppTokens(actor, id);
    revalidatePath("/applications", "layout");
    return { ok: true, name: app.name, lastRevokedAt: app.lastRevokedAt };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}
