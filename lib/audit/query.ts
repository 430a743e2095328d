import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../auth/actor";
import { getDb } from "../db/client";
import { invalid } from "../errors";
import type { Prisma } from "../generated/prisma/client";

export const listAuditLogsSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  objectType: z.string().max(32).optional(),
  objectId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Substring of the actor (email or API token name) or of the object name. */
  search: z.string().trim().max(255).optional(),
});
export type ListAuditLogsInput = z.input<typeof listAuditLogsSchema>;

export async function listAuditLogs(actor: Actor, input: ListAuditLogsInput = {}) {
  assertCan(actor, "audit:read");
  const parsed = listAuditLogsSchema.safeParse(input);
  if (!parsed.success) throw invalid(String(parsed.error.issues[0].path[0]), parsed.error.issues[0].message);
  const q = parsed.data;
  const where: Prisma.AuditLogWhereInput = { accountId: actor.accountId };
  if (q.objectType) where.objectType = q.objectType;
  if (q.objectId) where.objectId = q.objectId;
  if (q.action) where.action = q.action;
  if (q.search) {
    where.OR = [
      { actorLabel: { contains: q.search, mode: "insensitive" } },
      { objectName: { contains: q.search, mode: "insensitive" } },
    ];
  }
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.perPage,
      take: q.perPage,
    }),
    db.auditLog.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), total, page: q.page, perPage: q.perPage };
}

export type AuditLogView = Awaited<ReturnType<typeof listAuditLogs>>["items"][number];
