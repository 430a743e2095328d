import "server-only";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { ROLE_LABELS, ROLES, type Role } from "../auth/permissions";
import { endSessionsOf } from "../auth/sessions";
import { getDb, type Tx } from "../db/client";
import { lockAccountAdmins } from "../db/locks";
import { AppError, notFound } from "../errors";
import { parseInput } from "../input/parse";
import { isUuid } from "../input/uuid";
import { resetAdminPasswordSchema, updateAdminRoleSchema, type ResetAdminPasswordInput, type UpdateAdminRoleInput } from "./schemas";
import { adminSelect, passwordFor, type AdminView } from "./service";

// Changes of an existing administrator: role, password, removal. Each runs in one transaction
// that first locks all of the account's administrator rows (lockAccountAdmins), so that the rule
// "an account keeps at least one Super Administrator" is counted under the lock and holds when two
// Super Administrators demote or remove each other at the same moment: the second sees the first.
// An administrator may change or remove themselves, as long as that rule holds. A demotion, a
// password reset and a removal end the administrator's open sessions in the same transaction: each
// is signed out at their next request.

/** The administrator `id` of the actor's account, with every admin row of the account locked; and how many Super Administrators it has. */
async function lockTarget(tx: Tx, actor: Actor, id: string): Promise<{ admin: { id: string; email: string; role: Role }; superAdmins: number }> {
  if (!isUuid(id)) throw notFound("administrator");
  const admins = await lockAccountAdmins(tx, actor.accountId);
  const admin = admins.find((a) => a.id === id);
  if (!admin) throw notFound("administrator");
  return { admin: { ...admin, role: admin.role as Role }, superAdmins: admins.filter((a) => a.role === "super_admin").length };
}

const actorAdminId = (actor: Actor) => (actor.kind === "admin" ? actor.adminId : undefined);
const actorSessionId = (actor: Actor) => (actor.kind === "admin" ? actor.sessionId : undefined);

function lastSuperAdmin(email: string, change: "demoted" | "removed"): AppError {
  return new AppError(
    "conflict",
    `conflict: not ${change}: ${email} is the last Super Administrator of this account; make another administrator a ${ROLE_LABELS.super_admin} first`,
  );
}

/** Whether `to` may do less than `from` (its sessions end: what the role allowed is gone). */
function isDemotion(from: Role, to: Role): boolean {
  return ROLES.indexOf(to) > ROLES.indexOf(from);
}

/** Gives the administrator `id` another role; the last Super Administrator keeps theirs. */
export async function updateAdminRole(actor: Actor, id: string, input: UpdateAdminRoleInput): Promise<AdminView> {
  assertCan(actor, "admins:write");
  const { role } = parseInput(updateAdminRoleSchema, input);
  return getDb().$transaction(async (tx) => {
    const { admin, superAdmins } = await lockTarget(tx, actor, id);
    if (admin.role === role) return tx.admin.findUniqueOrThrow({ where: { id }, select: adminSelect });
    if (admin.role === "super_admin" && superAdmins === 1) throw lastSuperAdmin(admin.email, "demoted");
    const updated = await tx.admin.update({ where: { id }, data: { role }, select: adminSelect });
    const sessionsEnded = isDemotion(admin.role, role) ? await endSessionsOf(tx, id) : 0;
    await recordAudit(tx, actor, {
      action: "admin.update",
      objectType: "admin",
      objectId: id,
      objectName: admin.email,
      before: { role: admin.role },
      after: { role, ...(sessionsEnded > 0 ? { sessions_ended: sessionsEnded } : {}) },
    });
    return updated;
  });
}

/**
 * Sets a new password of the administrator `id`: the one given or, for `generatePassword: true`, a
 * generated one, returned once as `generatedPassword`. The audit row says that it changed, never
 * what to.
 */
export async function resetAdminPassword(actor: Actor, id: string, input: ResetAdminPasswordInput): Promise<AdminView & { generatedPassword?: string }> {
  assertCan(actor, "admins:write");
  const data = parseInput(resetAdminPasswordSchema, input);
  if (!isUuid(id)) throw notFound("administrator");
  // scrypt before the transaction: it must not hold a connection (nor the lock).
  const { passwordHash, generatedPassword } = await passwordFor(data.password);
  const admin = await getDb().$transaction(async (tx) => {
    const { admin } = await lockTarget(tx, actor, id);
    const updated = await tx.admin.update({ where: { id }, data: { passwordHash }, select: adminSelect });
    // Resetting one's own password keeps the session that did it, as a password change does.
    const sessionsEnded = await endSessionsOf(tx, id, id === actorAdminId(actor) ? actorSessionId(actor) : undefined);
    await recordAudit(tx, actor, {
      action: "admin.password_reset",
      objectType: "admin",
      objectId: id,
      objectName: admin.email,
      ...(sessionsEnded > 0 ? { after: { sessions_ended: sessionsEnded } } : {}),
    });
    return updated;
  });
  return generatedPassword === undefined ? admin : { ...admin, generatedPassword };
}

/** Removes the administrator `id` (themselves included); the last Super Administrator stays. */
export async function deleteAdmin(actor: Actor, id: string): Promise<AdminView> {
  assertCan(actor, "admins:write");
  return getDb().$transaction(async (tx) => {
    const { admin, superAdmins } = await lockTarget(tx, actor, id);
    if (admin.role === "super_admin" && superAdmins === 1) throw lastSuperAdmin(admin.email, "removed");
    // Its sessions go with it (ON DELETE CASCADE).
    const deleted = await tx.admin.delete({ where: { id }, select: adminSelect });
    await recordAudit(tx, actor, {
      action: "admin.delete",
      objectType: "admin",
      objectId: id,
      objectName: admin.email,
      before: { email: admin.email, role: admin.role },
    });
    return deleted;
  });
}
