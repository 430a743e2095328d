import "server-only";
import { assertCan, type Actor } from "../auth/actor";
import { getDb } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { pageWindow } from "../input/list";
import { parseInput } from "../input/parse";
import type { Attempt } from "./retry";
import { listAlertHistorySchema, type DeliveryStatus, type ListAlertHistoryInput, type MechanismType } from "./schemas";

// The delivery history (alert_deliveries, written by the scan): every delivery of every alert, with
// its status, error and attempts, newest first. Read by the dashboard's History page and the REST API.

const select = {
  id: true,
  policyId: true,
  policyName: true,
  serviceTokenId: true,
  serviceTokenName: true,
  expiresAt: true,
  leadDays: true,
  mechanism: true,
  target: true,
  targetName: true,
  status: true,
  error: true,
  attempts: true,
  attemptLog: true,
  alertBody: true,
  createdAt: true,
  sentAt: true,
} as const satisfies Prisma.AlertDeliverySelect;

type Row = Prisma.AlertDeliveryGetPayload<{ select: typeof select }>;

export interface DeliveryView extends Omit<Row, "id" | "attemptLog" | "mechanism" | "status"> {
  /** bigint as a string. */
  id: string;
  mechanism: MechanismType;
  status: DeliveryStatus;
  attemptLog: Attempt[];
}

const toView = (r: Row): DeliveryView => ({ ...r, id: String(r.id), attemptLog: r.attemptLog as unknown as Attempt[] });

export async function listAlertHistory(actor: Actor, input: ListAlertHistoryInput = {}) {
  assertCan(actor, "notifications:read");
  const q = parseInput(listAlertHistorySchema, input);
  const where: Prisma.AlertDeliveryWhereInput = { accountId: actor.accountId };
  if (q.since || q.before) where.createdAt = { ...(q.since ? { gte: q.since } : {}), ...(q.before ? { lt: q.before } : {}) };
  if (q.policy_id) where.policyId = q.policy_id.toLowerCase();
  if (q.mechanism_type) where.mechanism = q.mechanism_type;
  if (q.status) where.status = q.status;
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.alertDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(q), select }),
    db.alertDelivery.count({ where }),
  ]);
  return { items: rows.map(toView), total, page: q.page, perPage: q.perPage };
}
