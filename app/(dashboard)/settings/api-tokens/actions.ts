"use server";

import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { adminAction } from "@/lib/auth/admin-action";

// Server actions of Settings > API Tokens (Super Administrator: the domain checks api_tokens:write).
// Create answers with the token value: that answer is the one-time reveal, and nothing else ever
// carries it.

export interface RevealedApiToken {
  token: { id: string; name: string; permissions: string[]; expiresAt: Date | null };
  value: string;
}

const API_TOKENS = { revalidate: ["/settings/api-tokens"] };

/** `expiresOn` is a day ("2026-12-31"): the token expires at its end (UTC). Null: never. */
export const createApiTokenAction = adminAction(
  async (actor, input: { name: string; permissions: string[]; expiresOn: string | null }): Promise<RevealedApiToken> => {
    const o = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
    const { token, value } = await createApiToken(actor, { name: o.name as string, permissions: o.permissions as string[], expiresOn: o.expiresOn });
    return { token: { id: token.id, name: token.name, permissions: token.permissions, expiresAt: token.expiresAt }, value };
  },
  API_TOKENS,
);

export const revokeApiTokenAction = adminAction(async (actor, id: string) => ({ name: (await revokeApiToken(actor, id)).name }), API_TOKENS);
