import "server-only";
import { cache } from "react";
import { requireAdmin, type AdminActor } from "@/lib/auth/require-admin";
import { foundOr404 } from "./found-or-404";

/**
 * The object of a detail page (`<list>/[id]/`) and who asks, looked up once per request: its
 * layout.tsx asks first, outside every loading boundary, so that an unknown, malformed or other
 * account's id answers HTTP 404 (the not-found card one level up); the page asks again and gets the
 * same answer. A notFound() under a loading.tsx would come after a streamed 200.
 */
export function detailLookup<T>(lookup: (actor: AdminActor, id: string) => Promise<T>) {
  return cache(async (id: string): Promise<{ actor: AdminActor; found: T }> => {
    const actor = await requireAdmin();
    return { actor, found: await foundOr404(lookup(actor, id)) };
  });
}
