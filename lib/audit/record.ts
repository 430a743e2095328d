import "server-only";
import type { Actor } from "../auth/actor";
import { actorRef } from "../auth/actor";
import type { Tx } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string | null;
  objectName: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Writes one audit row inside the caller's transaction, so a change and its record land together. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      accountId: actor.accountId,
      ...actorRef(actor),
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      objectName: entry.objectName,
      // strictUndefinedChecks: an absent snapshot is left out, not passed as undefined.
      ...(entry.before === undefined ? {} : { before: entry.before }),
      ...(entry.after === undefined ? {} : { after: entry.after }),
    },
  });
}
