import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "../db/client";
import { invalid } from "../errors";

export const ACCOUNT_ID_PATTERN = /^[0-9a-f]{32}$/;
export const accountNameSchema = z.string().trim().min(1).max(255);

export interface AccountView {
  id: string;
  name: string;
  createdAt: Date;
}

export async function createAccount(name: string): Promise<AccountView> {
  const parsed = accountNameSchema.safeParse(name);
  if (!parsed.success) throw invalid("name", "must be 1 to 255 characters");
  return getDb().account.create({
    data: { id: randomBytes(16).toString("hex"), name: parsed.data },
    select: { id: true, name: true, createdAt: true },
  });
}

/** The account created at first start. Safe to call from several instances at once. */
export async function ensureDefaultAccount(): Promise<AccountView> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4711001)`;
    const first = await tx.account.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true } });
    if (first) return first;
    return tx.account.create({
      data: { id: randomBytes(16).toString("hex"), name: "Default account" },
      select: { id: true, name: true, createdAt: true },
    });
  });
}

export async function getAccount(id: string): Promise<AccountView | null> {
  if (!ACCOUNT_ID_PATTERN.test(id)) return null;
  return getDb().account.findUnique({ where: { id }, select: { id: true, name: true, createdAt: true } });
}
