import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Actor } from "../auth/actor";
import { hashPassword, verifyPassword } from "../auth/password";
import { endSessionsOf } from "../auth/sessions";
import { getDb } from "../db/client";
import { AppError, invalid, notFound } from "../errors";
import { parseInput } from "../input/parse";
import { passwordSchema } from "./schemas";

const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(1024),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * An administrator changes their own password: the current one is required, and every other
 * session of theirs ends (the one making the change goes on). Audited without either password.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput): Promise<{ sessionsEnded: number }> {
  if (actor.kind !== "admin") throw new AppError("forbidden", "forbidden: only a signed-in administrator has a password to change");
  const data = parseInput(changePasswordSchema, input);
  if (data.newPassword === data.currentPassword) {
    throw invalid("newPassword", "must differ from the current password");
  }
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { id: actor.adminId }, select: { passwordHash: true } });
  if (!admin) throw notFound("administrator");
  // scrypt runs outside the transaction: it must not hold a connection.
  if (!(await verifyPassword(data.currentPassword, admin.passwordHash))) {
    throw invalid("currentPassword", "is not your current password");
  }
  const passwordHash = await hashPassword(data.newPassword);
  return db.$transaction(async (tx) => {
    // Only if no other change came first (another tab, a reset by a Super Administrator).
    const { count } = await tx.admin.updateMany({ where: { id: actor.adminId, passwordHash: admin.passwordHash }, data: { passwordHash } });
    if (count === 0) throw new AppError("conflict", "conflict: your password was changed meanwhile; sign in again");
    const sessionsEnded = await endSessionsOf(tx, actor.adminId, actor.sessionId);
    await recordAudit(tx, actor, {
      action: "admin.password_change",
      objectType: "admin",
      objectId: actor.adminId,
      objectName: actor.email,
      after: { sessions_ended: sessionsEnded },
    });
    return { sessionsEnded };
  });
}
