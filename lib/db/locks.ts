import "server-only";
import { Prisma } from "../generated/prisma/client";
import { isUuid } from "../input/uuid";
import type { Tx } from "./client";

// Row locks for changes: a domain function locks the row it changes before reading it, so two
// concurrent changes of one object run one after the other, each seeing the other's result.

/** Tables of objects that belong to an account and are changed one at a time. */
type AccountObjectTable = "service_tokens" | "access_apps" | "access_policies" | "alert_policies" | "alert_webhooks";

/**
 * Locks the row `id` of `table` FOR UPDATE until the transaction ends, if it belongs to
 * `accountId`. False for another account's row, a missing one or a malformed id: the caller
 * answers "not found" for all three.
 */
export async function lockAccountObject(tx: Tx, table: AccountObjectTable, accountId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${Prisma.raw(table)} WHERE id = ${id}::uuid AND account_id = ${accountId} FOR UPDATE`;
  return locked.length > 0;
}

/** Per-account settings tables: one row per account, created on the first change. */
type AccountSettingsTable = "access_key_settings" | "account_settings";

/** Creates the account's settings row if it has none yet, and locks it FOR UPDATE until the transaction ends. */
export async function lockAccountSettings(tx: Tx, table: AccountSettingsTable, accountId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO ${Prisma.raw(table)} (account_id) VALUES (${accountId}) ON CONFLICT (account_id) DO NOTHING`;
  await tx.$queryRaw`SELECT account_id FROM ${Prisma.raw(table)} WHERE account_id = ${accountId} FOR UPDATE`;
}

/**
 * Locks every administrator row of `accountId` FOR UPDATE until the transaction ends (in id order,
 * so that two callers never deadlock) and answers them as they are once locked. A change that must
 * keep an account-wide rule (a Super Administrator remains) counts these rows: two such changes
 * run one after the other, the second seeing the first's result.
 */
export async function lockAccountAdmins(tx: Tx, accountId: string): Promise<{ id: string; email: string; role: string }[]> {
  return tx.$queryRaw<{ id: string; email: string; role: string }[]>`
    SELECT id::text AS id, email, role::text AS role FROM admins WHERE account_id = ${accountId} ORDER BY id FOR UPDATE`;
}
