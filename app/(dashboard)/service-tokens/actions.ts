"use server";

import { adminAction } from "@/lib/auth/admin-action";
import { formFailure } from "@/lib/forms";
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

// Server actions of the Service Tokens pages, each one domain call through adminAction. Arguments
// come from the network, so nothing here trusts their types: the domain's schemas parse them.
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

/** Updates the list, any token page behind the dialog, and the Overview's counts. */
const TOKEN_PAGES = { revalidate: [{ layout: "/service-tokens" }, "/"] };

export const createServiceTokenAction = adminAction(async (actor, input: { name: string; duration: string }) => {
  const created = await createServiceToken(actor, { name: field(input, "name") as string, duration: field(input, "duration") as string });
  return revealed(created);
}, TOKEN_PAGES);

export const refreshServiceTokenAction = adminAction(
  async (actor, id: string) => ({ expiresAt: (await refreshServiceToken(actor, id)).expiresAt }),
  TOKEN_PAGES,
);

export const updateServiceTokenAction = adminAction(async (actor, id: string, input: { name?: string; duration?: string; enabled?: boolean }) => {
  const token = await updateServiceToken(actor, id, {
    name: field(input, "name") as string | undefined,
    duration: field(input, "duration") as string | undefined,
    enabled: field(input, "enabled") as boolean | undefined,
    // "Extend by" always extends, even by the token's current duration.
    extend: true,
  });
  return { expiresAt: token.expiresAt };
}, TOKEN_PAGES);

/** `graceHours` is one of ROTATION_GRACE_CHOICES; the grace end is computed here, on the server's clock. */
export const rotateServiceTokenSecretAction = adminAction(async (actor, id: string, input: { graceHours: number }) => {
  const grace = ROTATION_GRACE_CHOICES.find((c) => c.hours === field(input, "graceHours"));
  if (!grace) return formFailure("Choose how long the old secret keeps working.", "graceHours");
  const rotated = await rotateServiceTokenSecret(actor, id, {
    previousSecretExpiresAt: grace.hours > 0 ? new Date(Date.now() + grace.hours * 3_600_000) : undefined,
  });
  return revealed(rotated);
}, TOKEN_PAGES);

/** "End grace now": the previous secret of a rotation stops working at once (the server's clock). */
export const endRotationGraceAction = adminAction(async (actor, id: string) => {
  await setPreviousSecretExpiry(actor, id, new Date());
  return {};
}, TOKEN_PAGES);

/**
 * Does not revalidate: re-rendering the deleted token's own page would flash its "not found"
 * state; the caller refreshes the list or navigates to it instead.
 */
export const deleteServiceTokenAction = adminAction(async (actor, id: string) => ({ name: (await deleteServiceToken(actor, id)).name }));
