import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { InstallationActor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { parseInput } from "../input/parse";
import { nameSchema } from "../input/text";

export const ACCOUNT_ID_PATTERN = /^[0-9a-f]{32}$/;

export const createAccountSchema = z.object({ name: nameSchema });
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export interface AccountView {
  id: string;
  name: string;
  createdAt: Date;
}

const accountSelect = { id: true, name: true, createdAt: true } as const;

/** Creates the account and opens its audit log with the creation, by `actor`. */
async function insertAccount(tx: Tx, actor: InstallationActor, name: string): Promise<AccountView> {
  const account = await tx.account.create({ data: { id: randomBytes(16).toString("hex"), name }, select: accountSelect });
  await recordAudit(tx, { ...actor, accountId: account.id }, {
    action: "account.create",
    objectType: "account",
    objectId: account.id,
    objectName: account.name,
    after: { name: account.name },
  });
  return account;
}

/** A new account (`npm run cli -- account create`). Only the system makes accounts: an administrator belongs to one. */
export async function createAccount(actor: InstallationActor, input: CreateAccountInput): Promise<AccountView> {
  const data = parseInput(createAccountSchema, input);
  return getDb().$transaction((tx) => insertAccount(tx, actor, data.name));
}

/** The account created at first start. Safe to call from several instances at once. */
export async function ensureDefaultAccount(): Promise<AccountView> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4711001)`;
    const first = await tx.account.findFirst({ orderBy: { createdAt: "asc" }, select: accountSelect });
    return first ?? insertAccount(tx, { kind: "system", label: "first start" }, "Default account");
  });
}

export async function getAccount(id: string): Promise<AccountView | null> {
  if (!ACCOUNT_ID_PATTERN.test(id)) return null;
  return getDb().account.findUnique({ where: { id }, select: accountSelect });
}
