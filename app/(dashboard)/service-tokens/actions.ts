"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formFailure, toFormFailure, type FormResult } from "@/lib/forms";
import { ROTATION_GRACE_CHOICES } from "@/lib/service-tokens/schemas";
import {
  createServiceToken,
  deleteServiceToken,
  refreshServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateServiceToken,
  type ServiceTokenWithSecret,
} from "@/lib/service-tokens/service";

// Server actions of the Service Tokens pages: identify the administrator, call one domain function
// (which checks the role and validates), answer with a FormResult. Arguments come from the
// network, so nothing here trusts their types: the domain's schemas parse them.
//
// Create and rotate answer with the new Client Secret: that answer is the one-time reveal, and
// nothing else ever carries the secret.

export type RevealedSecret = {
  token: { id: string; name: string; clientId: string; previousSecretExpiresAt: Date | null };
  clientSecret: string;
};

function revealed({ token, clientSecret }: ServiceTokenWithSecret): RevealedSecret {
  const { id, name, clientId, previousSecretExpiresAt } = token;
  return { token: { id, name, clientId, previousSecretExpiresAt }, clientSecret };
}

const field = (input: unknown, key: string): unknown =>
  typeof input === "object" && input !== null ? (input as Record<string, unknown>)[key] : undefined;

/** Updates the list and any token page behind the dialog. */
const revalidateTokens = () => revalidatePath("/service-tokens", "layout");

export async function createServiceTokenAction(input: { name: string; duration: string }): Promise<FormResult<RevealedSecret>> {
  const actor = await requireAdmin();
  try {
    const created = await createServiceToken(actor, { name: field(input, "name") as string, duration: field(input, "duration") as string });
    revalidateTokens();
    return { ok: true, ...revealed(created) };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}

export async function refreshServiceTokenAction(id: string): Promise<FormResult<{ expiresAt: Date | null }>> {
  const actor = await requireAdmin();
  try {
    const token = await refreshServiceToken(actor, id);
    revalidateTokens();
    return { ok: true, expiresAt: token.expiresAt };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}

export async function updateServiceTokenAction(
  id: string,
  input: { name?: string; duration?: string; enabled?: boolean },
): Promise<FormResult<{ expiresAt: Date | null }>> {
  const actor = await requireAdmin();
  try {
    const token = await updateServiceToken(actor, id, {
      name: field(input, "name") as string | undefined,
      duration: field(input, "duration") as string | undefined,
      enabled: field(input, "enabled") as boolean | undefined,
      // "Extend by" always extends, even by the token's current duration.
      extend: true,
    });
    revalidateTokens();
    return { ok: true, expiresAt: token.expiresAt };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}

/** `graceHours` is one of ROTATION_GRACE_CHOICES; the grace end is computed here, on the server's clock. */
export async function rotateServiceTokenSecretAction(id: string, input: { graceHours: number }): Promise<FormResult<RevealedSecret>> {
  const actor = await requireAdmin();
  const grace = ROTATION_GRACE_CHOICES.find((c) => c.hours === field(input, "graceHours"));
  if (!grace) return formFailure("Choose how long the old secret keeps working.", "graceHours");
  try {
    const rotated = await rotateServiceTokenSecret(actor, id, {
      previousSecretExpiresAt: grace.hours > 0 ? new Date(Date.now() + grace.hours * 3_600_000) : undefined,
    });
    revalidateTokens();
    return { ok: true, ...revealed(rotated) };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}

/** "End grace now": the previous secret of a rotation stops working at once (the server's clock). */
export async function endRotationGraceAction(id: string): Promise<FormResult> {
  const actor = await requireAdmin();
  try {
    await setPreviousSecretExpiry(actor, id, new Date());
    revalidateTokens();
    return { ok: true };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}

/**
 * Does not revalidate: re-rendering the deleted token's own page would flash its "not found"
 * state; the caller refreshes the list or navigates to it instead.
 */
export async function deleteServiceTokenAction(id: string): Promise<FormResult<{ name: string }>> {
  const actor = await requireAdmin();
  try {
    const token = await deleteServiceToken(actor, id);
    return { ok: true, name: token.name };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}
