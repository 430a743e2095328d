import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { actorCan } from "./actor";
import { authOptions } from "./options";
import { sessionAdmin } from "./sessions";
import type { Capability } from "./permissions";

export type AdminActor = Extract<Actor, { kind: "admin" }>;

/**
 * The signed-in administrator, re-read from the database once per request (layout and page share
 * it); null when there is none: no cookie, or one whose session has ended.
 */
export const currentAdmin = cache(async (): Promise<AdminActor | null> => {
  const session = (await getServerSession(authOptions())) as { adminId?: unknown; sessionId?: unknown } | null;
  const { adminId, sessionId } = session ?? {};
  // A cookie from before sessions were kept on the server names no session: it opens nothing.
  if (typeof adminId !== "string" || typeof sessionId !== "string") return null;
  const admin = await sessionAdmin(sessionId, adminId);
  if (!admin) return null;
  return { kind: "admin", accountId: admin.accountId, adminId: admin.id, email: admin.email, role: admin.role, sessionId };
});

/**
 * For pages and server actions: the signed-in administrator, or a redirect to sign-in. With a
 * capability, a page the role may not see redirects home (the Overview); actions check capabilities in the domain.
 */
export async function requireAdmin(capability?: Capability): Promise<AdminActor> {
  const actor = await currentAdmin();
  if (!actor) redirect("/sign-in");
  if (capability && !actorCan(actor, capability)) redirect("/");
  return actor;
}
