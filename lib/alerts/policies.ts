import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { lockAccountObject } from "../db/locks";
import { invalid, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { pageWindow } from "../input/list";
import { parseInput } from "../input/parse";
import { isUuid } from "../input/uuid";
import {
  createAlertPolicySchema,
  listAlertPoliciesSchema,
  updateAlertPolicySchema,
  type AlertPolicyContent,
  type AlertType,
  type CreateAlertPolicyInput,
  type ListAlertPoliciesInput,
  type UpdateAlertPolicyInput,
} from "./schemas";

// The only writer of alert_policies rows (Notifications). Same shape as the other services:
// capability check, account scope on every query, row lock for changes, audit row in the same
// transaction. A policy names its webhook destinations through alert_policy_webhooks; each must be
// a destination of the caller's account.

const select = {
  id: true,
  name: true,
  description: true,
  enabled: true,
  alertType: true,
  emailRecipients: true,
  leadDays: true,
  tokenIds: true,
  createdAt: true,
  updatedAt: true,
  webhooks: { select: { webhookId: true, webhook: { select: { name: true } } }, orderBy: { webhookId: "asc" } },
} as const satisfies Prisma.AlertPolicySelect;

type PolicyRow = Prisma.AlertPolicyGetPayload<{ select: typeof select }>;

export interface AlertPolicyView {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  alertType: AlertType;
  /** mechanisms.email */
  emailRecipients: string[];
  /** mechanisms.webhooks: destination ids. */
  webhookIds: string[];
  /** The same destinations with their names, for the dashboard. */
  webhooks: { id: string; name: string }[];
  /** filters.days_before_expiration, ascending. */
  leadDays: number[];
  /** filters.token_id; empty: every token of the account. */
  tokenIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: PolicyRow): AlertPolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    alertType: row.alertType,
    emailRecipients: row.emailRecipients,
    webhookIds: row.webhooks.map((w) => w.webhookId),
    webhooks: row.webhooks.map((w) => ({ id: w.webhookId, name: w.webhook.name })),
    leadDays: row.leadDays,
    tokenIds: row.tokenIds,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type Content = Omit<AlertPolicyView, "id" | "createdAt" | "updatedAt" | "webhooks">;

function contentOf(c: AlertPolicyContent): Content {
  return {
    name: c.name,
    description: c.description,
    enabled: c.enabled,
    alertType: c.alert_type,
    emailRecipients: c.mechanisms.email,
    webhookIds: c.mechanisms.webhooks,
    leadDays: c.filters.leadDays,
    tokenIds: c.filters.tokenIds,
  };
}

function auditSnapshot(c: Content): Prisma.InputJsonObject {
  return {
    name: c.name,
    description: c.description,
    enabled: c.enabled,
    alert_type: c.alertType,
    email: c.emailRecipients,
    webhooks: [...c.webhookIds].sort(),
    days_before_expiration: c.leadDays,
    token_id: c.tokenIds,
  };
}

const columnsOf = (c: Content) => ({
  name: c.name,
  description: c.description,
  enabled: c.enabled,
  alertType: c.alertType,
  emailRecipients: c.emailRecipients,
  leadDays: c.leadDays,
  tokenIds: c.tokenIds,
});

/**
 * Every webhook id must be a destination of the caller's account, and every token id of the filter
 * a token of it (ids already stored are kept even if the token has since gone, so that GET-then-PUT
 * works; such an id matches nothing). Destinations are locked FOR SHARE: none can be deleted until
 * the policy that names it is committed.
 */
async function assertReferences(tx: Tx, actor: Actor, c: Content, storedTokenIds: readonly string[]) {
  if (c.webhookIds.length > 0) {
    const found = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM alert_webhooks WHERE account_id = ${actor.accountId} AND id = ANY (${c.webhookIds}::uuid[]) FOR SHARE`;
    const known = new Set(found.map((w) => w.id));
    const missing = c.webhookIds.find((id) => !known.has(id));
    if (missing) throw invalid(`mechanisms.webhooks.${c.webhookIds.indexOf(missing)}.id`, "no webhook destination with this id in this account");
  }
  const stored = new Set(storedTokenIds);
  const fresh = c.tokenIds.filter((id) => !stored.has(id));
  if (fresh.length > 0) {
    const found = await tx.serviceToken.findMany({ where: { accountId: actor.accountId, id: { in: fresh } }, select: { id: true } });
    const known = new Set(found.map((t) => t.id));
    const missing = fresh.find((id) => !known.has(id));
    if (missing) throw invalid(`filters.token_id.${c.tokenIds.indexOf(missing)}`, "no service token with this id in this account");
  }
}

async function audit(tx: Tx, actor: Actor, verb: string, id: string, before: Content | null, after: Content | null) {
  await recordAudit(tx, actor, {
    action: `alert_policy.${verb}`,
    objectType: "alert_policy",
    objectId: id,
    objectName: (after ?? before)!.name,
    before: before ? auditSnapshot(before) : undefined,
    after: after ? auditSnapshot(after) : undefined,
  });
}

async function lockPolicy(tx: Tx, actor: Actor, id: string): Promise<AlertPolicyView> {
  if (!(await lockAccountObject(tx, "alert_policies", actor.accountId, id))) throw notFound("alert policy");
  return toView(await tx.alertPolicy.findUniqueOrThrow({ where: { id }, select }));
}

async function replaceWebhooks(tx: Tx, policyId: string, webhookIds: readonly string[]) {
  await tx.alertPolicyWebhook.deleteMany({ where: { policyId } });
  if (webhookIds.length > 0) await tx.alertPolicyWebhook.createMany({ data: webhookIds.map((webhookId) => ({ policyId, webhookId })) });
}

/** The account's alert policies by name (Cloudflare's list is one page: per_page up to 1000). */
export async function listAlertPolicies(actor: Actor, input: ListAlertPoliciesInput = {}) {
  assertCan(actor, "notifications:read");
  const q = parseInput(listAlertPoliciesSchema, input);
  const where = { accountId: actor.accountId };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.alertPolicy.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageWindow(q), select }),
    db.alertPolicy.count({ where }),
  ]);
  return { items: rows.map(toView), total, page: q.page, perPage: q.perPage };
}

export async function getAlertPolicy(actor: Actor, id: string): Promise<AlertPolicyView> {
  assertCan(actor, "notifications:read");
  if (!isUuid(id)) throw notFound("alert policy");
  const row = await getDb().alertPolicy.findFirst({ where: { id, accountId: actor.accountId }, select });
  if (!row) throw notFound("alert policy");
  return toView(row);
}

export async function createAlertPolicy(actor: Actor, input: CreateAlertPolicyInput): Promise<AlertPolicyView> {
  assertCan(actor, "notifications:write");
  const content = contentOf(parseInput(createAlertPolicySchema, input));
  return getDb().$transaction(async (tx) => {
    await assertReferences(tx, actor, content, []);
    const id = randomUUID();
    await tx.alertPolicy.create({ data: { id, accountId: actor.accountId, ...columnsOf(content) } });
    await replaceWebhooks(tx, id, content.webhookIds);
    const view = toView(await tx.alertPolicy.findUniqueOrThrow({ where: { id }, select }));
    await audit(tx, actor, "create", id, null, view);
    return view;
  });
}

/** PUT as Cloudflare's SDK sends it: the fields given replace the stored ones, the others stay. */
export async function updateAlertPolicy(actor: Actor, id: string, input: UpdateAlertPolicyInput): Promise<AlertPolicyView> {
  assertCan(actor, "notifications:write");
  const patch = parseInput(updateAlertPolicySchema, input);
  return getDb().$transaction(async (tx) => {
    const before = await lockPolicy(tx, actor, id);
    const after: Content = {
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      enabled: patch.enabled ?? before.enabled,
      alertType: patch.alert_type ?? before.alertType,
      emailRecipients: patch.mechanisms?.email ?? before.emailRecipients,
      webhookIds: patch.mechanisms?.webhooks ?? before.webhookIds,
      leadDays: patch.filters?.leadDays ?? before.leadDays,
      tokenIds: patch.filters?.tokenIds ?? before.tokenIds,
    };
    if (JSON.stringify(auditSnapshot(after)) === JSON.stringify(auditSnapshot(before))) return before;
    await assertReferences(tx, actor, after, before.tokenIds);
    await tx.alertPolicy.update({ where: { id }, data: columnsOf(after) });
    if (String([...after.webhookIds].sort()) !== String(before.webhookIds)) await replaceWebhooks(tx, id, after.webhookIds);
    const view = toView(await tx.alertPolicy.findUniqueOrThrow({ where: { id }, select }));
    await audit(tx, actor, "update", id, before, view);
    return view;
  });
}

/** Deletes the policy; its history stays (deliveries keep a copy of its name). */
export async function deleteAlertPolicy(actor: Actor, id: string): Promise<AlertPolicyView> {
  assertCan(actor, "notifications:write");
  return getDb().$transaction(async (tx) => {
    const before = await lockPolicy(tx, actor, id);
    await tx.alertPolicy.delete({ where: { id } });
    await audit(tx, actor, "delete", id, before, null);
    return before;
  });
}
