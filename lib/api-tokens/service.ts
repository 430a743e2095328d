import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { isPermissionGroup, PERMISSION_GROUP_NAMES, type PermissionGroup } from "../auth/permissions";
import { getDb } from "../db/client";
import { AppError, invalid, notFound } from "../errors";
import { pageFields, pageWindow } from "../input/list";
import { parseInput } from "../input/parse";
import { nameSchema } from "../input/text";
import { isUuid } from "../input/uuid";
import { logger } from "../logger";
import { parseGoDurationNs } from "../service-tokens/duration";

// API tokens for the REST API: 40 URL-safe characters like Cloudflare's, shown once, stored as a
// SHA-256 digest.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-31" → the last moment of that day (UTC), or null when it is not a day that exists. */
function endOfDayUtc(day: unknown): Date | null {
  const m = typeof day === "string" ? DAY.exec(day) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999));
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

export const createApiTokenSchema = z
  .object({
    name: nameSchema,
    // One problem for the whole list, so that the form marks its one permissions field.
    permissions: z
      .array(z.unknown(), { error: "must be a list of permission groups" })
      .min(1, "at least one permission group is required")
      .refine((groups) => groups.every((g) => typeof g === "string" && isPermissionGroup(g)), `must be one of: ${PERMISSION_GROUP_NAMES.join(", ")}`)
      .transform((groups) => [...new Set(groups as PermissionGroup[])]),
    expiresAt: z.date().nullable().optional(),
    /** The dashboard's expiry: a day ("2026-12-31"), which ends at 23:59:59.999 UTC. Empty: none. */
    expiresOn: z.unknown().optional(),
  })
  .transform(({ expiresOn, ...data }, ctx) => {
    if (expiresOn === undefined || expiresOn === null || expiresOn === "") return { ...data, expiresAt: data.expiresAt ?? null };
    const expiresAt = endOfDayUtc(expiresOn);
    if (!expiresAt) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "must be a date such as 2026-12-31" });
      return z.NEVER;
    }
    return { ...data, expiresAt };
  });
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

const viewSelect = {
  id: true,
  name: true,
  permissions: true,
  expiresAt: true,
  lastUsedAt: true,
  createdBy: true,
  createdAt: true,
  revokedAt: true,
} as const;

/** The form of every value createApiToken issues (30 random bytes, base64url). */
export const API_TOKEN_PATTERN = /^[A-Za-z0-9_-]{40}$/;
/** last_used_at is kept to the minute: at most one write per token per minute, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiToken(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** "720h" → a date that far from now; for the CLI's --expires-in. */
export function expiryFromDuration(duration: string, now = new Date()): Date {
  const ns = parseGoDurationNs(duration);
  if (ns <= 0n) throw invalid("expires-in", "must be a positive Go duration such as 720h");
  return new Date(now.getTime() + Number(ns / 1_000_000n));
}

export async function createApiToken(actor: Actor, input: CreateApiTokenInput) {
  assertCan(actor, "api_tokens:write");
  const data = parseInput(createApiTokenSchema, input);
  if (data.expiresAt && data.expiresAt <= new Date()) throw invalid("expiresAt", "must be in the future");
  const value = randomBytes(30).toString("base64url");
  const createdBy = actor.kind === "admin" ? actor.email : actor.kind === "system" ? actor.label : actor.name;
  const token = await getDb().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id: randomUUID(),
        accountId: actor.accountId,
        name: data.name,
        tokenHash: hashApiToken(value),
        permissions: data.permissions,
        expiresAt: data.expiresAt,
        createdBy,
      },
      select: viewSelect,
    });
    await recordAudit(tx, actor, {
      action: "api_token.create",
      objectType: "api_token",
      objectId: created.id,
      objectName: created.name,
      after: { name: created.name, permissions: created.permissions, expires_at: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token, value };
}

export const listApiTokensSchema = z.object(pageFields());
export type ListApiTokensInput = z.input<typeof listApiTokensSchema>;

/** The account's active (unrevoked) tokens, newest first, a page at a time. */
export async function listApiTokens(actor: Actor, input: ListApiTokensInput = {}) {
  assertCan(actor, "api_tokens:write");
  const q = parseInput(listApiTokensSchema, input);
  const where = { accountId: actor.accountId, revokedAt: null };
  const db = getDb();
  const [items, total] = await Promise.all([
    db.apiToken.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(q), select: viewSelect }),
    db.apiToken.count({ where }),
  ]);
  return { items, total, page: q.page, perPage: q.perPage };
}

export async function revokeApiToken(actor: Actor, id: string) {
  assertCan(actor, "api_tokens:write");
  if (!isUuid(id)) throw notFound("API token");
  return getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, accountId: actor.accountId, revokedAt: null }, select: viewSelect });
    if (!token) throw notFound("API token");
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: viewSelect });
    await recordAudit(tx, actor, { action: "api_token.revoke", objectType: "api_token", objectId: id, objectName: token.name });
    return revoked;
  });
}

export type ApiTokenActor = Extract<Actor, { kind: "api_token" }>;

/**
 * The API token behind a bearer value, as the Actor of the request. Unknown, revoked, expired and
 * malformed values are all the same `unauthenticated` error, so the answer reveals nothing.
 */
export async function authenticateApiToken(value: string, now = new Date()): Promise<{ actor: ApiTokenActor; expiresAt: Date | null }> {
  const refused = new AppError("unauthenticated", "invalid access token");
  if (!API_TOKEN_PATTERN.test(value)) throw refused;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(value) },
    select: { id: true, accountId: true, name: true, permissions: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  if (!token || token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) throw refused;
  if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // Conditional, so that instances racing on the same token write once; a failure only loses a timestamp.
    await db.apiToken
      .updateMany({ where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] }, data: { lastUsedAt: now } })
      .catch((err: unknown) => logger.warn({ err: { message: (err as Error).message }, apiTokenId: token.id }, "could not record API token use"));
  }
  return {
    actor: { kind: "api_token", accountId: token.accountId, tokenId: token.id, name: token.name, permissions: token.permissions },
    expiresAt: token.expiresAt,
  };
}
