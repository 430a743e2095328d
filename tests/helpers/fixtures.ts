import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import type { Role } from "../../lib/auth/permissions";
import { getDb } from "../../lib/db/client";
import { AppError, type AppErrorCode } from "../../lib/errors";
import { isUuid } from "../../lib/input/uuid";

// Test data: every test makes its own account(s) and unique names, so files run in parallel on
// one database without ever truncating a table.

export const unique = (prefix: string): string => `${prefix}-${randomBytes(5).toString("hex")}`;

export const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

/**
 * A fresh account, inserted as it is: createAccount would open its audit log with the creation,
 * and tests look at what they themselves wrote there.
 */
export async function newAccount(label = "account") {
  return getDb().account.create({ data: { id: randomBytes(16).toString("hex"), name: unique(label) }, select: { id: true, name: true, createdAt: true } });
}

export function adminActor(accountId: string, role: Role = "super_admin"): Extract<Actor, { kind: "admin" }> {
  return { kind: "admin", accountId, adminId: randomUUID(), email: `${unique(role)}@example.test`, role };
}

export function apiTokenActor(accountId: string, permissions: string[]): Extract<Actor, { kind: "api_token" }> {
  return { kind: "api_token", accountId, tokenId: randomUUID(), name: unique("api"), permissions };
}

/** A fresh account and a Super Administrator of it. */
export async function newTenant(label = "tenant") {
  const account = await newAccount(label);
  return { account, admin: adminActor(account.id, "super_admin") };
}

/** A random IP per test, so the per-IP sign-in limit of one test never touches another. */
export const uniqueIp = (): string => `10.${[...randomBytes(3)].join(".")}`;

/** Awaits a rejection with an AppError of `code` (and, for invalid_request, the field it names). */
export async function expectAppError(p: Promise<unknown>, code: AppErrorCode, field?: string): Promise<AppError> {
  const error = await p.then(
    () => {
      throw new Error(`expected AppError ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code, appError.message).toBe(code);
  if (field !== undefined) {
    expect(appError.details?.field).toBe(field);
    expect(appError.message).toContain(`${field}:`);
  }
  return appError;
}

/** The whole stored row, digests included: what the database holds, not what the service returns. */
export async function rawToken(id: string) {
  return getDb().serviceToken.findUnique({ where: { id } });
}

export async function auditRows(accountId: string, objectId?: string) {
  return getDb().auditLog.findMany({
    where: objectId === undefined ? { accountId } : { accountId, objectId },
    orderBy: { id: "asc" },
  });
}

export async function storedTokenCount(accountId: string) {
  const [counter, actual] = await Promise.all([
    getDb().account.findUniqueOrThrow({ where: { id: accountId }, select: { serviceTokenCount: true } }),
    getDb().serviceToken.count({ where: { accountId } }),
  ]);
  return { counter: counter.serviceTokenCount, actual };
}

export const HOUR_MS = 3_600_000;
export const YEAR_MS = 8760 * HOUR_MS;

/** An administrator as stored (what the domain's views show of one), or null: no such id. */
export async function storedAdmin(id: string) {
  if (!isUuid(id)) return null;
  return getDb().admin.findUnique({ where: { id }, select: { id: true, accountId: true, email: true, role: true } });
}
