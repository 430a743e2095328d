import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { lockAccountObject } from "../db/locks";
import { AppError, invalid, notFound } from "../errors";
import type { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { parseInput } from "../input/parse";
import { likePattern, pageWindow } from "../input/list";
import { isUuid } from "../input/uuid";
import { removeServiceTokenFromPolicies, type PolicyRef } from "../access/policies";
import { filterBounds, type ServiceTokenHealth, type TokenFilter } from "./filters";
import { extendedExpiry, graceEndProblem, initialExpiry, parseTokenDuration, refreshedExpiry } from "./duration";
import {
  createServiceTokenSchema,
  listServiceTokensSchema,
  rotateServiceTokenSchema,
  updateOrRotateServiceTokenSchema,
  updateServiceTokenSchema,
  type CreateServiceTokenInput,
  type ListServiceTokensInput,
  type RotateServiceTokenInput,
  type UpdateOrRotateServiceTokenInput,
  type UpdateServiceTokenInput,
} from "./schemas";
import { generateClientId, generateClientSecret, hashSecret } from "./secret";

// The only writer of service_tokens rows. Every function takes the caller (Actor), checks its
// capability, scopes every query to its account and records the change in the audit log in the
// same transaction. No function returns a secret digest; only create and rotate return the secret.

/** Every column but the secret digests: the select makes leaking them impossible by construction. */
const viewSelect = {
  id: true,
  name: true,
  clientId: true,
  duration: true,
  expiresAt: true,
  createdAt: true,
  updatedAt: true,
  lastSeenAt: true,
  clientSecretVersion: true,
  previousSecretExpiresAt: true,
  /** The last use of the previous secret during a grace period, and from where (the validator writes them). */
  previousSecretLastSeenAt: true,
  previousSecretLastSeenIp: true,
  enabled: true,
} as const satisfies Prisma.ServiceTokenSelect;

export type ServiceTokenView = Prisma.ServiceTokenGetPayload<{ select: typeof viewSelect }>;
export interface ServiceTokenWithSecret {
  token: ServiceTokenView;
  /** Shown once, then gone: the caller must not store or log it. */
  clientSecret: string;
}

/** The outcome of a change that may have rotated the secret. */
export interface ServiceTokenChange {
  token: ServiceTokenView;
  /** The new secret when the change rotated it (shown once, as from a rotation), else null. */
  clientSecret: string | null;
}

export type DeletedServiceToken = ServiceTokenView & {
  /** The policies whose rules named the token: the delete removed it from them. */
  removedFromPolicies: PolicyRef[];
};

/** Locks and returns the token, or throws not_found (also for another account's token or a malformed id). */
async function lockToken(tx: Tx, actor: Actor, id: string): Promise<ServiceTokenView> {
  if (!(await lockAccountObject(tx, "service_tokens", actor.accountId, id))) throw notFound("service token");
  return tx.serviceToken.findUniqueOrThrow({ where: { id }, select: viewSelect });
}

/** What the audit log keeps of a token: never a secret or its digest. */
function auditSnapshot(t: ServiceTokenView) {
  return {
    name: t.name,
    client_id: t.clientId,
    duration: t.duration,
    expires_at: t.expiresAt?.toISOString() ?? null,
    enabled: t.enabled,
    client_secret_version: t.clientSecretVersion,
    previous_client_secret_expires_at: t.previousSecretExpiresAt?.toISOString() ?? null,
  };
}

async function audit(tx: Tx, actor: Actor, verb: string, before: ServiceTokenView | null, after: ServiceTokenView | null) {
  const subject = (after ?? before)!;
  await recordAudit(tx, actor, {
    action: `service_token.${verb}`,
    objectType: "service_token",
    objectId: subject.id,
    objectName: subject.name,
    before: before ? auditSnapshot(before) : undefined,
    after: after ? auditSnapshot(after) : undefined,
  });
}

/** "8760h" and "8760h0m" are the same duration: a PUT repeating either changes no expiry. */
function sameDuration(a: string, b: string): boolean {
  const x = parseTokenDuration(a);
  const y = parseTokenDuration(b);
  return x.forever ? y.forever : !y.forever && x.ms === y.ms;
}

/** A filter of filters.ts as a where clause (the same conditions as serviceTokenHealth's counts). */
function tokenFilterWhere(filter: TokenFilter, now: Date): Prisma.ServiceTokenWhereInput {
  const b = filterBounds(now);
  const live: Prisma.ServiceTokenWhereInput = { enabled: true, OR: [{ expiresAt: null }, { expiresAt: { gt: b.now } }] };
  switch (filter) {
    case "active":
      return { enabled: true, OR: [{ expiresAt: null }, { expiresAt: { gte: b.soon } }] };
    case "expiring_soon":
      return { enabled: true, expiresAt: { gt: b.now, lt: b.soon } };
    case "expiring_30d":
      return { enabled: true, expiresAt: { gt: b.now, lt: b.month } };
    case "expired":
      return { enabled: true, expiresAt: { lte: b.now } };
    case "disabled":
      return { enabled: false };
    case "non_expiring":
      return { enabled: true, expiresAt: null };
    case "never_used":
      return { ...live, lastSeenAt: null };
    case "unused_90d":
      return { ...live, lastSeenAt: { lt: b.unusedSince } };
  }
}

export async function listServiceTokens(actor: Actor, input: ListServiceTokensInput = {}) {
  assertCan(actor, "service_tokens:read");
  const q = parseInput(listServiceTokensSchema, input);
  const db = getDb();
  const where: Prisma.ServiceTokenWhereInput = { accountId: actor.accountId };
  if (q.status !== undefined) where.AND = [tokenFilterWhere(q.status, new Date())];
  if (q.name !== undefined) where.name = q.name;
  if (q.search) {
    const pattern = likePattern(q.search);
    where.OR = [
      { name: { contains: pattern, mode: "insensitive" } },
      { clientId: { contains: pattern, mode: "insensitive" } },
    ];
  }
  const filtered = q.name !== undefined || Boolean(q.search) || q.status !== undefined;
  const orderBy: Prisma.ServiceTokenOrderByWithRelationInput[] = [
    q.sort === "lastSeenAt" && q.order === "desc"
      ? { lastSeenAt: { sort: "desc", nulls: "last" } }
      : { [q.sort]: q.order },
    { id: q.order },
  ];
  const [items, total] = await Promise.all([
    db.serviceToken.findMany({ where, orderBy, ...pageWindow(q), select: viewSelect }),
    // Unfiltered totals come from the counter kept on the account row: O(1) at any table size.
    filtered
      ? db.serviceToken.count({ where })
      : db.account.findUnique({ where: { id: actor.accountId }, select: { serviceTokenCount: true } }).then((a) => a?.serviceTokenCount ?? 0),
  ]);
  return { items, total, page: q.page, perPage: q.perPage };
}

/**
 * The Overview's counts (filters.ts defines each), in one statement of index range counts: each
 * subquery reads only the entries it counts from (account_id, enabled, expires_at) or (account_id,
 * enabled, last_seen_at, expires_at); the total is the account's counter. "Never used" is two
 * ranges (no expiry; an expiry ahead), so that the never-used expired tokens are not read at all.
 */
export async function serviceTokenHealth(actor: Actor): Promise<ServiceTokenHealth> {
  assertCan(actor, "service_tokens:read");
  const b = filterBounds(new Date());
  const a = actor.accountId;
  const live = Prisma.sql`AND (expires_at IS NULL OR expires_at > ${b.now})`;
  const [row] = await getDb().$queryRaw<Record<keyof ServiceTokenHealth, bigint | number | null>[]>`
    SELECT
      (SELECT service_token_count FROM accounts WHERE id = ${a}) AS total,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND expires_at > ${b.now} AND expires_at < ${b.soon}) AS expiring_soon,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND expires_at > ${b.now} AND expires_at < ${b.month}) AS expiring_30d,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND expires_at <= ${b.now}) AS expired,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = false) AS disabled,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND expires_at IS NULL) AS non_expiring,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND last_seen_at IS NULL AND expires_at IS NULL)
        + (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND last_seen_at IS NULL AND expires_at > ${b.now}) AS never_used,
      (SELECT count(*) FROM service_tokens WHERE account_id = ${a} AND enabled = true AND last_seen_at < ${b.unusedSince} ${live}) AS unused_90d`;
  const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
  return {
    total: n(row?.total),
    expiring_soon: n(row?.expiring_soon),
    expiring_30d: n(row?.expiring_30d),
    expired: n(row?.expired),
    disabled: n(row?.disabled),
    non_expiring: n(row?.non_expiring),
    never_used: n(row?.never_used),
    unused_90d: n(row?.unused_90d),
  };
}

export async function getServiceToken(actor: Actor, id: string): Promise<ServiceTokenView> {
  assertCan(actor, "service_tokens:read");
  if (!isUuid(id)) throw notFound("service token");
  const token = await getDb().serviceToken.findFirst({ where: { id, accountId: actor.accountId }, select: viewSelect });
  if (!token) throw notFound("service token");
  return token;
}

/**
 * The names of those of `ids` that are tokens of the caller's account (deleted and foreign ones are
 * simply absent), for naming tokens in the authentication log. At most 1000 ids.
 */
export async function serviceTokenNames(actor: Actor, ids: readonly string[]): Promise<Record<string, string>> {
  assertCan(actor, "service_tokens:read");
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, 1000);
  if (wanted.length === 0) return {};
  const rows = await getDb().serviceToken.findMany({ where: { accountId: actor.accountId, id: { in: wanted } }, select: { id: true, name: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export async function createServiceToken(actor: Actor, input: CreateServiceTokenInput): Promise<ServiceTokenWithSecret> {
  assertCan(actor, "service_tokens:write");
  const data = parseInput(createServiceTokenSchema, input);
  const clientSecret = generateClientSecret();
  const now = new Date();
  const token = await getDb().$transaction(async (tx) => {
    const created = await tx.serviceToken.create({
      data: {
        id: randomUUID(),
        accountId: actor.accountId,
        name: data.name,
        clientId: generateClientId(),
        secretHash: hashSecret(clientSecret),
        duration: data.duration,
        expiresAt: initialExpiry(now, data.duration),
        enabled: data.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      },
      select: viewSelect,
    });
    await audit(tx, actor, "create", null, created);
    // Last before COMMIT: from here to the commit the account row is locked, and every other create
    // in the account waits for it (measured: ~1.5x more creates/s at 10 connections).
    await tx.account.update({ where: { id: actor.accountId }, data: { serviceTokenCount: { increment: 1 } } });
    return created;
  });
  return { token, clientSecret };
}

/** The edit of a token in the caller's transaction: writes and audits only what differs from `before`. */
async function editToken(tx: Tx, actor: Actor, before: ServiceTokenView, data: z.output<typeof updateServiceTokenSchema>, now: Date): Promise<ServiceTokenView> {
  const change: Prisma.ServiceTokenUpdateInput = {};
  if (data.name !== undefined && data.name !== before.name) change.name = data.name;
  if (data.enabled !== undefined && data.enabled !== before.enabled) change.enabled = data.enabled;
  if (data.duration !== undefined && (data.extend === true || !sameDuration(data.duration, before.duration))) {
    change.duration = data.duration;
    change.expiresAt = extendedExpiry(before.expiresAt, now, data.duration);
  }
  if (Object.keys(change).length === 0) return before;
  const after = await tx.serviceToken.update({ where: { id: before.id }, data: change, select: viewSelect });
  const verb = change.enabled === undefined || Object.keys(change).length > 1 ? "update" : after.enabled ? "enable" : "disable";
  await audit(tx, actor, verb, before, after);
  return after;
}

/** Refuses a grace end that is too far ahead or after the token's expiry; the past (no grace) is always fine. */
function assertGraceEnd(graceEnd: Date, now: Date, token: ServiceTokenView): void {
  const problem = graceEndProblem(graceEnd, now, token.expiresAt);
  if (problem) throw invalid("previousSecretExpiresAt", problem);
}

/**
 * A new secret under the same client id, in the caller's transaction. The old secret keeps working
 * until `graceEnd`; null or not in the future, it stops at once.
 */
async function rotateToken(tx: Tx, actor: Actor, before: ServiceTokenView, graceEnd: Date | null, now: Date): Promise<ServiceTokenWithSecret> {
  if (graceEnd !== null) assertGraceEnd(graceEnd, now, before);
  const clientSecret = generateClientSecret();
  const current = await tx.serviceToken.findUniqueOrThrow({ where: { id: before.id }, select: { secretHash: true } });
  const grace = graceEnd !== null && graceEnd > now ? graceEnd : null;
  const token = await tx.serviceToken.update({
    where: { id: before.id },
    data: {
      secretHash: hashSecret(clientSecret),
      previousSecretHash: grace ? current.secretHash : null,
      previousSecretExpiresAt: grace,
      // A new grace period starts unused: the last use belonged to the secret now dropped.
      previousSecretLastSeenAt: null,
      previousSecretLastSeenIp: null,
      clientSecretVersion: { increment: 1 },
      // As late as the transaction allows: a request that began before this instant and asks for
      // the version written here lost the race to this rotation.
      clientSecretRotatedAt: new Date(),
    },
    select: viewSelect,
  });
  await audit(tx, actor, "rotate", before, token);
  return { token, clientSecret };
}

/** Moves the end of a running grace period in the caller's transaction; a time not in the future ends it. */
async function moveGraceEnd(tx: Tx, actor: Actor, before: ServiceTokenView, at: Date, now: Date): Promise<ServiceTokenView> {
  // The stored end sent back (GET-then-PUT) changes nothing, even if the expiry has moved before it since.
  if (before.previousSecretExpiresAt?.getTime() === at.getTime()) return before;
  assertGraceEnd(at, now, before);
  if (before.previousSecretExpiresAt === null) return before;
  const ended = at.getTime() <= now.getTime();
  const after = await tx.serviceToken.update({
    where: { id: before.id },
    data: ended
      ? { previousSecretHash: null, previousSecretExpiresAt: null, previousSecretLastSeenAt: null, previousSecretLastSeenIp: null }
      : { previousSecretExpiresAt: at },
    select: viewSelect,
  });
  await audit(tx, actor, "update", before, after);
  return after;
}

/**
 * Whether a request asking for `asked` rotates the secret of a token now at version `stored`:
 * stored + 1 rotates; anything lower is a stale copy and changes nothing, except the stored version
 * itself when a rotation wrote it after the request began (`requestedAt`): that request meant to
 * rotate from the version before and lost the race, a conflict. A jump of more than one is refused,
 * since a rotation always counts up by one.
 */
function rotatesTo(asked: number, stored: number, rotatedAt: Date | null, requestedAt: Date): boolean {
  if (asked > stored + 1) throw invalid("clientSecretVersion", `must be ${stored} (unchanged) or ${stored + 1} (rotate the secret)`);
  if (asked === stored && rotatedAt !== null && rotatedAt > requestedAt) {
    throw new AppError("conflict", `conflict: client_secret_version is now ${stored}; another rotation happened first`);
  }
  return asked === stored + 1;
}

/**
 * Edit: rename, enable/disable, and a duration change that extends: expires_at becomes
 * max(expires_at, now) + the new duration. Repeating the stored duration changes no expiry unless
 * `extend` is set (the dashboard's "Extend by").
 */
export async function updateServiceToken(actor: Actor, id: string, input: UpdateServiceTokenInput): Promise<ServiceTokenView> {
  assertCan(actor, "service_tokens:write");
  const data = parseInput(updateServiceTokenSchema, input);
  return getDb().$transaction(async (tx) => editToken(tx, actor, await lockToken(tx, actor, id), data, new Date()));
}

/**
 * The REST API's PUT, one transaction under the token's row lock, so that a refusal changes
 * nothing: the edit as in updateServiceToken (a repeated duration changes nothing), then
 * `clientSecretVersion` = stored + 1 rotates (see rotatesTo for the others), the old secret lasting
 * until `previousSecretExpiresAt`; without a rotation, a `previousSecretExpiresAt` different from the
 * stored one moves the end of the running grace period. Each step that changes something has its
 * audit row.
 */
export async function updateOrRotateServiceToken(actor: Actor, id: string, input: UpdateOrRotateServiceTokenInput): Promise<ServiceTokenChange> {
  assertCan(actor, "service_tokens:write");
  const startedAt = new Date();
  const { clientSecretVersion, previousSecretExpiresAt, requestedAt = startedAt, ...edit } = parseInput(updateOrRotateServiceTokenSchema, input);
  return getDb().$transaction(async (tx) => {
    const before = await lockToken(tx, actor, id);
    const now = new Date();
    let rotate = false;
    if (clientSecretVersion !== undefined) {
      const { clientSecretRotatedAt } = await tx.serviceToken.findUniqueOrThrow({ where: { id }, select: { clientSecretRotatedAt: true } });
      rotate = rotatesTo(clientSecretVersion, before.clientSecretVersion, clientSecretRotatedAt, requestedAt);
    }
    const edited = await editToken(tx, actor, before, edit, now);
    if (rotate) return rotateToken(tx, actor, edited, previousSecretExpiresAt ?? null, now);
    const token = previousSecretExpiresAt === undefined ? edited : await moveGraceEnd(tx, actor, edited, previousSecretExpiresAt, now);
    return { token, clientSecret: null };
  });
}

/** Refresh: expires_at = max(expires_at, now) + 1 year. A non-expiring token is left as it is. */
export async function refreshServiceToken(actor: Actor, id: string): Promise<ServiceTokenView> {
  assertCan(actor, "service_tokens:write");
  return getDb().$transaction(async (tx) => {
    const before = await lockToken(tx, actor, id);
    const expiresAt = refreshedExpiry(before.expiresAt, new Date());
    if (expiresAt === null) return before;
    const after = await tx.serviceToken.update({ where: { id }, data: { expiresAt }, select: viewSelect });
    await audit(tx, actor, "refresh", before, after);
    return after;
  });
}

/**
 * Rotate: a new secret under the same client id. The old secret keeps working until
 * `previousSecretExpiresAt` (at most 30 days ahead, and not after the token's expiry); omitted or
 * not in the future, it stops at once.
 */
export async function rotateServiceTokenSecret(
  actor: Actor,
  id: string,
  input: RotateServiceTokenInput = {},
): Promise<ServiceTokenWithSecret> {
  assertCan(actor, "service_tokens:write");
  const data = parseInput(rotateServiceTokenSchema, input);
  return getDb().$transaction(async (tx) =>
    rotateToken(tx, actor, await lockToken(tx, actor, id), data.previousSecretExpiresAt ?? null, new Date()),
  );
}

/** Moves the end of a rotation's grace period (within the bounds of a rotation's); a time not in the future ends it now. */
export async function setPreviousSecretExpiry(actor: Actor, id: string, at: Date): Promise<ServiceTokenView> {
  assertCan(actor, "service_tokens:write");
  const graceEnd = parseInput(rotateServiceTokenSchema, { previousSecretExpiresAt: at }).previousSecretExpiresAt!;
  return getDb().$transaction(async (tx) => moveGraceEnd(tx, actor, await lockToken(tx, actor, id), graceEnd, new Date()));
}

/**
 * Delete revokes: once this returns, the token authenticates nowhere. In the same transaction the
 * token leaves the rules of every policy that names it (lib/access/policies.ts says how), so no
 * policy keeps a rule about a token that is gone.
 */
export async function deleteServiceToken(actor: Actor, id: string): Promise<DeletedServiceToken> {
  assertCan(actor, "service_tokens:write");
  return getDb().$transaction(async (tx) => {
    const before = await lockToken(tx, actor, id);
    await tx.serviceToken.delete({ where: { id } });
    await audit(tx, actor, "delete", before, null);
    const removedFromPolicies = await removeServiceTokenFromPolicies(tx, actor, before.id);
    // Last before COMMIT, for the same reason as in createServiceToken.
    await tx.account.update({ where: { id: actor.accountId }, data: { serviceTokenCount: { decrement: 1 } } });
    return { ...before, removedFromPolicies };
  });
}
