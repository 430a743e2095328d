import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { PERMISSION_GROUP_NAMES } from "../auth/permissions";
import { getDb } from "../db/client";
import { AppError, invalid, notFound } from "../errors";
import { logger } from "../logger";
import { parseGoDurationNs } from "../service-tokens/duration";

// API tokens for the REST API: 40 URL-safe characters like Cloudflare's, shown once, stored as a
// SHA-256 digest.

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(255),
  permissions: z
    .array(z.enum(PERMISSION_GROUP_NAMES as [string, ...string[]], { error: `must be one of: ${PERMISSION_GROUP_NAMES.join(", ")}` }))
    .min(1, "at least one permission group is required"),
  expiresAt: z.date().nullable().optional(),
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
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) throw invalid(String(parsed.error.issues[0].path[0] ?? "body"), parsed.error.issues[0].message);
  const data = parsed.data;
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
        permissions: [...new Set(data.permissions)],
        expiresAt: data.expiresAt ?? null,
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

export async function listApiTokens(actor: Actor) {
  assertCan(actor, "api_tokens:write");
  return getDb().apiToken.findMany({
    where: { accountId: actor.accountId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: viewSelect,
  });
}

export async function revokeApiToken(actor: Actor, id: string) {
  assertCan(actor, "api_tokens:write");
  if (!z.uuid().safeParse(id).success) throw notFound("API token");
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
