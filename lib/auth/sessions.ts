import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, type Tx } from "../db/client";
import { getEnv } from "../env";
import { isUuid } from "../input/uuid";
import { adminSelect, type AdminView } from "../admins/service";

// Dashboard sessions on the server. The session cookie is a signed next-auth JWT that names a row
// of admin_sessions; the cookie opens the dashboard only while that row exists and is inside both
// limits: SESSION_MAX_AGE after signing in (absolute) and SESSION_IDLE_TIMEOUT after the last
// request (idle). Ending a session deletes its row, so a copied cookie stops working at once.

/** last_seen_at is written at most this often per session: a page view costs no write. */
const SEEN_EVERY_MS = 60_000;

/** Starts a session of `adminId` (at sign-in) and returns its id, which the cookie carries. */
export async function startSession(adminId: string): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  const { sessionIdleTimeoutMs, sessionMaxAgeMs } = getEnv();
  const db = getDb();
  await db.$transaction([
    // The administrator's ended-by-time sessions go at the next sign-in: the table holds live ones.
    db.adminSession.deleteMany({
      where: { adminId, OR: [{ expiresAt: { lte: new Date(now) } }, { lastSeenAt: { lte: new Date(now - sessionIdleTimeoutMs) } }] },
    }),
    db.adminSession.create({ data: { id, adminId, expiresAt: new Date(now + sessionMaxAgeMs) } }),
  ]);
  return id;
}

/**
 * The administrator of a live session, or null when the session has ended (signed out, past a
 * limit, its administrator removed or changed). Marks the session seen.
 */
export async function sessionAdmin(sessionId: string, adminId: string): Promise<AdminView | null> {
  if (!isUuid(sessionId) || !isUuid(adminId)) return null;
  const now = Date.now();
  const db = getDb();
  const session = await db.adminSession.findFirst({
    where: { id: sessionId, adminId, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - getEnv().sessionIdleTimeoutMs) } },
    select: { lastSeenAt: true, admin: { select: adminSelect } },
  });
  if (!session) return null;
  if (now - session.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
    await db.adminSession.updateMany({ where: { id: sessionId, lastSeenAt: { lt: new Date(now - SEEN_EVERY_MS) } }, data: { lastSeenAt: new Date(now) } });
  }
  return session.admin;
}

/** Ends one session (signing out). Ending one that has already ended is not an error. */
export async function endSession(sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  await getDb().adminSession.deleteMany({ where: { id: sessionId } });
}

/**
 * Ends every session of `adminId` but `keep` (a password change keeps the session that made it), in
 * the transaction of the change that ends them.
 */
export async function endSessionsOf(tx: Tx, adminId: string, keep?: string): Promise<number> {
  const { count } = await tx.adminSession.deleteMany({ where: { adminId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}
