import "server-only";
import { randomUUID } from "node:crypto";
import { ensureDefaultAccount } from "../accounts/service";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { generatePassword, hashPassword, verifyPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import { getDb, type Tx } from "../db/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { pageWindow } from "../input/list";
import { parseInput } from "../input/parse";
import { isStorableText } from "../input/text";
import { logger } from "../logger";
import { createAdminSchema, listAdminsSchema, type CreateAdminInput, type ListAdminsInput } from "./schemas";

// Dashboard administrators: who they are, signing in, adding one. Changes of an existing one
// (role, password, removal) are in changes.ts.

export interface AdminView {
  id: string;
  accountId: string;
  email: string;
  role: Role;
}

export const adminSelect = { id: true, accountId: true, email: true, role: true } as const;

/** A row of Settings › Administrators: never the password hash. */
export interface AdminListItem extends AdminView {
  createdAt: Date;
  lastSignInAt: Date | null;
}

const listSelect = { ...adminSelect, createdAt: true, lastSignInAt: true } as const;

/** The password as stored, and the one to show once when it was generated. */
export async function passwordFor(typed: string | null): Promise<{ passwordHash: string; generatedPassword?: string }> {
  if (typed !== null) return { passwordHash: await hashPassword(typed) };
  const generatedPassword = generatePassword();
  return { passwordHash: await hashPassword(generatedPassword), generatedPassword };
}

/**
 * Creates the administrator in `actor`'s account and audits it (never the password). `passwordHash`
 * is computed before the transaction: scrypt must not hold a connection.
 */
async function insertAdmin(tx: Tx, actor: Actor, input: { email: string; role: Role }, passwordHash: string): Promise<AdminView> {
  let admin: AdminView;
  try {
    admin = await tx.admin.create({
      data: { id: randomUUID(), accountId: actor.accountId, email: input.email, role: input.role, passwordHash },
      select: adminSelect,
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("conflict", `conflict: an administrator with email ${input.email} already exists`);
    }
    throw e;
  }
  await recordAudit(tx, actor, {
    action: "admin.create",
    objectType: "admin",
    objectId: admin.id,
    objectName: admin.email,
    after: { email: admin.email, role: admin.role },
  });
  return admin;
}

/**
 * Creates an administrator as `actor` (a Super Administrator, or the system for the CLI), with the
 * password given or, for `generatePassword: true`, a generated one: returned once as
 * `generatedPassword`, and nowhere else.
 */
export async function createAdmin(actor: Actor, input: CreateAdminInput): Promise<AdminView & { generatedPassword?: string }> {
  assertCan(actor, "admins:write");
  const data = parseInput(createAdminSchema, input);
  const { passwordHash, generatedPassword } = await passwordFor(data.password);
  const admin = await getDb().$transaction((tx) => insertAdmin(tx, actor, data, passwordHash));
  return generatedPassword === undefined ? admin : { ...admin, generatedPassword };
}

/** The account's administrators, newest first or by email, a page at a time. */
export async function listAdmins(actor: Actor, input: ListAdminsInput = {}) {
  assertCan(actor, "admins:write");
  const q = parseInput(listAdminsSchema, input);
  const where = { accountId: actor.accountId };
  const db = getDb();
  const [items, total] = await Promise.all([
    db.admin.findMany({ where, orderBy: [{ [q.sort]: q.order }, { id: q.order }], ...pageWindow(q), select: listSelect }),
    db.admin.count({ where }),
  ]);
  return { items: items as AdminListItem[], total, page: q.page, perPage: q.perPage, sort: q.sort, order: q.order };
}

export async function adminCount(): Promise<number> {
  return getDb().admin.count();
}

/**
 * The one-time set-up: creates a Super Administrator of `accountId` only while no administrator
 * exists at all. Returns null when one already exists (the set-up page is closed).
 */
export async function createFirstAdmin(accountId: string, input: { email: string; password: string }): Promise<AdminView | null> {
  const data = parseInput(createAdminSchema, { ...input, role: "super_admin" });
  // Checked again under the lock; this one spares the password hash at every later start-up.
  if ((await adminCount()) > 0) return null;
  const { passwordHash } = await passwordFor(data.password);
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4711002)`;
    if ((await tx.admin.count()) > 0) return null;
    return insertAdmin(tx, { kind: "system", accountId, label: "first-run set-up" }, data, passwordHash);
  });
}

/**
 * The first administrator, from the set-up page or ADMIN_EMAIL + ADMIN_PASSWORD at start-up: a
 * Super Administrator of the default account (created if need be). Null once any administrator exists.
 */
export async function setUpFirstAdmin(input: { email: string; password: string }): Promise<AdminView | null> {
  const account = await ensureDefaultAccount();
  return createFirstAdmin(account.id, input);
}

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Checks an email + password. Failures are recorded in the database so that the limit holds
 * across instances; over the limit the answer is a rate_limited error even for the right password.
 */
export async function authenticateAdmin(email: string, password: string, ip: string): Promise<AdminView | null> {
  const db = getDb();
  const normalized = email.trim().toLowerCase().slice(0, 320);
  // No stored email holds a NUL or an unpaired surrogate (the cut above may make one), and
  // PostgreSQL could not even compare one: a sign-in that cannot succeed.
  if (!isStorableText(normalized)) return null;
  const since = new Date(Date.now() - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email: normalized, success: false, createdAt: { gt: since } } }),
    db.signInAttempt.count({ where: { ip, success: false, createdAt: { gt: since } } }),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    logger.warn({ ip }, "sign-in rate limited");
    throw new AppError("rate_limited", "Too many failed sign-ins. Try again in 15 minutes.", { retryAfterSeconds: 900 });
  }
  const admin = await db.admin.findUnique({ where: { email: normalized }, select: { ...adminSelect, passwordHash: true } });
  // Hash even for an unknown email so that timing does not reveal which emails exist.
  const ok = admin ? await verifyPassword(password, admin.passwordHash) : (await hashPassword(password), false);
  await db.signInAttempt.create({ data: { email: normalized, ip, success: ok } });
  if (!ok || !admin) {
    logger.info({ ip }, "sign-in failed");
    return null;
  }
  await db.admin.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
  logger.info({ adminId: admin.id }, "signed in");
  return { id: admin.id, accountId: admin.accountId, email: admin.email, role: admin.role };
}

