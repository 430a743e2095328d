"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formFailure, type FormResult } from "@/lib/forms";
import { accessFormFailure } from "../../applications/form-failure";

// Server actions of Settings > API Tokens (Super Administrator: the domain checks api_tokens:write).
// Create answers with the token value: that answer is the one-time reveal, and nothing else ever
// carries it.

export interface RevealedApiToken {
  token: { id: string; name: string; permissions: string[]; expiresAt: Date | null };
  value: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-31" → the last moment of that day (UTC), or null when the date does not exist. */
function endOfDayUtc(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999));
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

export async function createApiTokenAction(input: { name: string; permissions: string[]; expiresOn: string | null }): Promise<FormResult<RevealedApiToken>> {
  const actor = await requireAdmin();
  const o = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  let expiresAt: Date | null = null;
  if (o.expiresOn !== null && o.expiresOn !== undefined && o.expiresOn !== "") {
    expiresAt = typeof o.expiresOn === "string" ? endOfDayUtc(o.expiresOn) : null;
    if (!expiresAt) return formFailure("Expiry date must be a date such as 2026-12-31.", "expiresAt");
  }
  try {
    const { token, value } = await createApiToken(actor, { name: o.name as string, permissions: o.permissions as string[], expiresAt });
    revalidatePath("/settings/api-tokens");
    return { ok: true, token: { id: token.id, name: token.name, permissions: token.permissions, expiresAt: token.expiresAt }, value };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

export async function revokeApiTokenAction(id: string): Promise<FormResult<{ name: string }>> {
  const actor = await requireAdmin();
  try {
    const token = await revokeApiToken(actor, id);
    revalidatePath("/settings/api-tokens");
    return { ok: true, name: token.name };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}
