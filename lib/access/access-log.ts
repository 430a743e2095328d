import "server-only";
import { randomBytes } from "node:crypto";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { isUuid, listAccessLogsSchema, parseInput, type ListAccessLogsInput } from "./schemas";

// The authentication log (access_logs): written by the validation endpoint, one row per attempt,
// read by the dashboard's Logs page, a token's detail page and the REST API.

/** The reasons the validator records; the column accepts others, so new causes need no migration. */
export const ACCESS_LOG_REASONS = [
  "ok",
  "missing_credentials",
  "invalid_credentials",
  "unknown_client_id",
  "invalid_client_secret",
  "expired",
  "disabled",
  "no_policy_match",
  "denied_by_policy",
  "invalid_jwt",
  "jwt_expired",
  "jwt_revoked",
  "strict_mode",
  "rate_limited",
] as const;
export type AccessLogReason = (typeof ACCESS_LOG_REASONS)[number];

export interface AccessAttempt {
  accountId: string;
  allowed: boolean;
  // Known reasons autocomplete; any other short snake_case string is stored as it is.
  reason: AccessLogReason | (string & {});
  appId?: string | null;
  appDomain?: string | null;
  serviceTokenId?: string | null;
  /** As the client sent it, known or not. */
  clientId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  /** Generated (16 hex, like a Cloudflare ray id) when omitted. */
  rayId?: string;
  createdAt?: Date;
}

export interface AccessLogView {
  /** bigint as a string. */
  id: string;
  createdAt: Date;
  allowed: boolean;
  reason: string;
  appId: string | null;
  appDomain: string | null;
  serviceTokenId: string | null;
  clientId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  rayId: string;
}

const select = {
  id: true,
  createdAt: true,
  allowed: true,
  reason: true,
  appId: true,
  appDomain: true,
  serviceTokenId: true,
  clientId: true,
  ipAddress: true,
  userAgent: true,
  rayId: true,
} as const satisfies Prisma.AccessLogSelect;

/** Client-supplied strings are cut to the column's size rather than failing the insert. */
function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? value.slice(0, max) : value;
}

export function newRayId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * Records one authentication attempt. Never throws for odd client input (long user agents, a
 * non-UUID id are clipped or dropped): an attempt must not fail because its log line is strange.
 * Pass a transaction client to write inside one.
 */
export async function recordAccessAttempt(row: AccessAttempt, db: Pick<Db, "accessLog"> = getDb()): Promise<{ id: string; rayId: string }> {
  const rayId = clip(row.rayId, 32) || newRayId();
  const created = await db.accessLog.create({
    data: {
      accountId: row.accountId,
      ...(row.createdAt ? { createdAt: row.createdAt } : {}),
      allowed: row.allowed,
      reason: clip(row.reason, 64) ?? "",
      appId: isUuid(row.appId) ? row.appId : null,
      appDomain: clip(row.appDomain, 512),
      serviceTokenId: isUuid(row.serviceTokenId) ? row.serviceTokenId : null,
      clientId: clip(row.clientId, 255),
      ipAddress: clip(row.ipAddress, 64),
      userAgent: clip(row.userAgent, 512),
      rayId,
    },
    select: { id: true },
  });
  return { id: created.id.toString(), rayId };
}

/**
 * Attempts of the caller's account between `since` and `until` (inclusive), newest first unless
 * direction is "asc"; `limit` rows (1..1000, default 25) per page.
 */
export async function listAccessLogs(actor: Actor, input: ListAccessLogsInput = {}): Promise<AccessLogView[]> {
  assertCan(actor, "audit:read");
  const q = parseInput(listAccessLogsSchema, input);
  const where: Prisma.AccessLogWhereInput = { accountId: actor.accountId };
  if (q.since || q.until) {
    where.createdAt = { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lte: q.until } : {}) };
  }
  if (q.serviceTokenId !== undefined) where.serviceTokenId = q.serviceTokenId;
  if (q.appId !== undefined) where.appId = q.appId;
  if (q.allowed !== undefined) where.allowed = q.allowed;
  const rows = await getDb().accessLog.findMany({
    where,
    orderBy: [{ createdAt: q.direction }, { id: q.direction }],
    skip: (q.page - 1) * q.limit,
    take: q.limit,
    select,
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
