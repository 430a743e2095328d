import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AppError } from "@/lib/errors";
import { getServiceToken } from "@/lib/service-tokens/service";

/**
 * The token of a token page and who asks, once per request (the layout and the page both ask), or
 * Next's not-found page for an unknown, malformed or other account's id.
 */
export const tokenOfPage = cache(async (id: string) => {
  const actor = await requireAdmin();
  try {
    return { actor, token: await getServiceToken(actor, id) };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
});
