import "server-only";
import { randomBytes } from "node:crypto";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { parseInput } from "../input/parse";
import { isUuid } from "../input/uuid";
import { listAccessLogsSchema, type AccessLogReason, type ListAccessLogsInput } from "./schemas";

// The authentication log (access_logs): written by the validation endpoint, read by the dashboard's
// Logs › Authentication page, the token and application pages, and the REST API. A refused attempt
// is one row; successful ones (and rate-limited refusals) are aggregated per token, application,
// client IP and minute, and `count` says how many attempts a row stands for.

/** The reasons the validator records: defined in the pure schemas.ts, whose list filter takes them. */
export { ACCESS_LOG_REASONS, isAccessLogReason, type AccessLogReason } from "./schemas";

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
  /** How many attempts the row stands for (aggregated rows); 1 when omitted. */
  count?: number;
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
  /** How many attempts the row stands for: more than 1 only for aggregated successes and rate-limited refusals. */
  count: number;
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
  count: true,
} as const satisfies Prisma.AccessLogSelect;

/** Client-supplied strings are cut to the column's size rather than failing the insert. */
function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? value.slice(0, max) : value;
}

/** `n` ray ids (16 hex digits each) from one read of the random source: a batch of the validation endpoint's log. */
export function newRayIds(n: number): string[] {
  const hex = randomBytes(8 * n).toString("hex");
  return Array.from({ length: n }, (_, i) => hex.slice(16 * i, 16 * i + 16));
}

export function newRayId(): string {
  return newRayIds(1)[0];
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
      ...(row.count !== undefined && Number.isSafeInteger(row.count) && row.count > 1 ? { count: Math.min(row.count, 2_147_483_647) } : {}),
    },
    select: { id: true },
  });
  return { id: created.id.toString(), rayId };
}

type ParsedQuery = ReturnType<typeof parseQuery>;

function parseQuery(actor: Actor, input: ListAccessLogsInput) {
  assertCan(actor, "audit:read");
  return parseInput(listAccessLogsSchema, input);
}

function whereOf(actor: Actor, q: ParsedQuery): Prisma.AccessLogWhereInput {
  const where: Prisma.AccessLogWhereInput = { accountId: actor.accountId };
  if (q.since || q.until) {
    where.createdAt = { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lte: q.until } : {}) };
  }
  if (q.serviceTokenId !== undefined) where.serviceTokenId = q.serviceTokenId;
  if (q.appId !== undefined) where.appId = q.appId;
  if (q.allowed !== undefined) where.allowed = q.allowed;
  if (q.reason !== undefined) where.reason = q.reason satisfies AccessLogReason;
  return where;
}

async function findPage(where: Prisma.AccessLogWhereInput, q: ParsedQuery): Promise<AccessLogView[]> {
  const rows = await getDb().accessLog.findMany({
    where,
    orderBy: [{ createdAt: q.direction }, { id: q.direction }],
    skip: (q.page - 1) * q.limit,
    take: q.limit,
    select,
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}

/**
 * Attempts of the caller's account between `since` and `until` (inclusive), newest first unless
 * direction is "asc"; `limit` rows (1..1000, default 25) per page. Optional filters: service token,
 * application, outcome (`allowed`) and `reason` (one of ACCESS_LOG_REASONS).
 */
export async function listAccessLogs(actor: Actor, input: ListAccessLogsInput = {}): Promise<AccessLogView[]> {
  const q = parseQuery(actor, input);
  return findPage(whereOf(actor, q), q);
}

/** How many rows (not attempts: a row may stand for several) match the filters of `listAccessLogs`. */
export async function countAccessLogs(actor: Actor, input: ListAccessLogsInput = {}): Promise<number> {
  const q = parseQuery(actor, input);
  return getDb().accessLog.count({ where: whereOf(actor, q) });
}

/** One page and the number of matching rows, for the dashboard's pagination. */
export async function listAccessLogPage(
  actor: Actor,
  input: ListAccessLogsInput = {},
): Promise<{ items: AccessLogView[]; total: number; page: number; limit: number }> {
  const q = parseQuery(actor, input);
  const where = whereOf(actor, q);
  const [items, total] = await Promise.all([findPage(where, q), getDb().accessLog.count({ where })]);
  return { items, total, page: q.page, limit: q.limit };
}
