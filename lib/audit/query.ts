import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../auth/actor";
import { getDb } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { likePattern, pageFields, pageWindow, searchSchema } from "../input/list";
import { parseInput } from "../input/parse";
import { isUuid } from "../input/uuid";
import { snapshotReferences, type ReferencedNames } from "./references";

/** The names of what `rows` name by id (rules, token filters, attached policies), for the audit view. */
async function referencedNames(accountId: string, rows: { before: unknown; after: unknown }[]): Promise<ReferencedNames> {
  const refs = rows.reduce((acc, r) => snapshotReferences(r.after, snapshotReferences(r.before, acc)), undefined as ReturnType<typeof snapshotReferences> | undefined);
  const tokenIds = [...(refs?.serviceTokens ?? [])].filter(isUuid);
  const policyIds = [...(refs?.policies ?? [])].filter(isUuid);
  const names: ReferencedNames = { serviceTokens: {}, policies: {} };
  if (tokenIds.length === 0 && policyIds.length === 0) return names;
  const db = getDb();
  const [tokens, policies] = await Promise.all([
    tokenIds.length ? db.serviceToken.findMany({ where: { accountId, id: { in: tokenIds } }, select: { id: true, name: true } }) : [],
    policyIds.length ? db.accessPolicy.findMany({ where: { accountId, id: { in: policyIds } }, select: { id: true, name: true } }) : [],
  ]);
  for (const t of tokens) names.serviceTokens[t.id] = { name: t.name, deleted: false };
  for (const p of policies) names.policies[p.id] = { name: p.name, deleted: false };
  const goneTokens = tokenIds.filter((id) => !names.serviceTokens[id]);
  const gonePolicies = policyIds.filter((id) => !names.policies[id]);
  if (goneTokens.length === 0 && gonePolicies.length === 0) return names;
  // Deleted since: the name of its last audit entry (its delete), through the object index.
  const logged = await db.auditLog.findMany({
    where: {
      accountId,
      objectName: { not: null },
      OR: [
        ...(goneTokens.length ? [{ objectType: "service_token", objectId: { in: goneTokens } }] : []),
        ...(gonePolicies.length ? [{ objectType: "policy", objectId: { in: gonePolicies } }] : []),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    distinct: ["objectType", "objectId"],
    select: { objectType: true, objectId: true, objectName: true },
  });
  for (const l of logged) {
    const map = l.objectType === "service_token" ? names.serviceTokens : names.policies;
    map[l.objectId!] = { name: l.objectName!, deleted: true };
  }
  return names;
}

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
  const names = await referencedNames(actor.accountId, rows);
  return { items: rows.map((r) => ({ ...r, id: r.id.toString() })), total, page: q.page, perPage: q.perPage, names };
}

export type AuditLogView = Awaited<ReturnType<typeof listAuditLogs>>["items"][number];
