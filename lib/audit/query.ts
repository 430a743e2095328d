import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../auth/actor";
import { getDb } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { likePattern, pageFields, pageWindow, searchSchema } from "../input/list";
import { parseInput } from "../input/parse";

export const listAuditLogsSchema = z.object({
  ...pageFields(200),
  objectType: z.string().max(32).optional(),
  objectId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Substring of the actor (email or API token name) or of the object name. */
  search: searchSchema.optional(),
});
export type ListAuditLogsInput = z.input<typeof listAuditLogsSchema>;

export async function listAuditLogs(actor: Actor, input: ListAuditLogsInput = {}) {
  assertCan(actor, "audit:read");
  const q = parseInput(listAuditLogsSchema, input);
  const where: Prisma.AuditLogWhereInput = { accountId: actor.accountId };
  if (q.objectType) where.objectType = q.objectType;
  if (q.objectId) where.objectId = q.objectId;
  if (q.action) where.action = q.action;
  if (q.search) {
    const pattern = likePattern(q.search);
    where.OR = [
      { actorLabel: { contains: pattern, mode: "insensitive" } },
      { objectName: { contains: pattern, mode: "insensitive" } },
    ];
  }
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(q),
    }),
    db.auditLog.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), total, page: q.page, perPage: q.perPage };
}

export type AuditLogView = Awaited<ReturnType<typeof listAuditLogs>>["items"][number];
