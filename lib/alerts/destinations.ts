import "server-only";
import { randomUUID } from "node:crypto";
import { openText, sealText, type SealPurpose } from "../access/key-crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { lockAccountObject } from "../db/locks";
import { getEnv } from "../env";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { pageWindow } from "../input/list";
import { parseInput } from "../input/parse";
import { isUuid } from "../input/uuid";
import { postWebhook, type WebhookTarget } from "./deliver-webhook";
import { listWebhooksSchema, webhookInputSchema, type ListWebhooksInput, type WebhookInput } from "./schemas";

// The only writer of alert_webhooks rows: webhook destinations of alert policies. The secret is
// write-only: stored encrypted (lib/access/key-crypto.ts, a key derived from AUTH_SECRET), sent as
// cf-webhook-auth, never returned, audited or logged; the view says only whether there is one.

const SECRET: SealPurpose = { salt: "gatepost webhook secrets", info: "gatepost webhook secret encryption v1", what: "webhook secret" };

const select = {
  id: true,
  name: true,
  url: true,
  // Read only to say whether there is one: toView drops it.
  secretEncrypted: true,
  lastSuccess: true,
  lastFailure: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { policies: true } },
} as const satisfies Prisma.AlertWebhookSelect;

type Row = Prisma.AlertWebhookGetPayload<{ select: typeof select }>;

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  hasSecret: boolean;
  lastSuccess: Date | null;
  lastFailure: Date | null;
  /** Alert policies that send to it. */
  policyCount: number;
  createdAt: Date;
  updatedAt: Date;
}

function toView(row: Row): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    hasSecret: row.secretEncrypted !== null,
    lastSuccess: row.lastSuccess,
    lastFailure: row.lastFailure,
    policyCount: row._count.policies,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: webhook secrets are encrypted with a key derived from it");
  return secret;
}

/** What the audit log keeps: the name, the URL's origin (a Slack URL's path is a credential), whether there is a secret. */
function auditSnapshot(w: WebhookView, secretChanged = false): Prisma.InputJsonObject {
  return { name: w.name, url_origin: new URL(w.url).origin, secret: w.hasSecret ? "set" : "none", ...(secretChanged ? { secret_changed: true } : {}) };
}

async function audit(tx: Tx, actor: Actor, verb: string, before: WebhookView | null, after: WebhookView | null, secretChanged = false) {
  const subject = (after ?? before)!;
  await recordAudit(tx, actor, {
    action: `alert_webhook.${verb}`,
    objectType: "alert_webhook",
    objectId: subject.id,
    objectName: subject.name,
    before: before ? auditSnapshot(before) : undefined,
    after: after ? auditSnapshot(after, secretChanged) : undefined,
  });
}

async function lockWebhook(tx: Tx, actor: Actor, id: string): Promise<WebhookView> {
  if (!(await lockAccountObject(tx, "alert_webhooks", actor.accountId, id))) throw notFound("webhook destination");
  return toView(await tx.alertWebhook.findUniqueOrThrow({ where: { id }, select }));
}

export async function listWebhookDestinations(actor: Actor, input: ListWebhooksInput = {}) {
  assertCan(actor, "notifications:read");
  const q = parseInput(listWebhooksSchema, input);
  const where = { accountId: actor.accountId };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.alertWebhook.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageWindow(q), select }),
    db.alertWebhook.count({ where }),
  ]);
  return { items: rows.map(toView), total, page: q.page, perPage: q.perPage };
}

export async function getWebhookDestination(actor: Actor, id: string): Promise<WebhookView> {
  assertCan(actor, "notifications:read");
  if (!isUuid(id)) throw notFound("webhook destination");
  const row = await getDb().alertWebhook.findFirst({ where: { id, accountId: actor.accountId }, select });
  if (!row) throw notFound("webhook destination");
  return toView(row);
}

export async function createWebhookDestination(actor: Actor, input: WebhookInput): Promise<WebhookView> {
  assertCan(actor, "notifications:write");
  const data = parseInput(webhookInputSchema, input);
  const secretEncrypted = data.secret ? sealText(data.secret, authSecret(), SECRET) : null;
  return getDb().$transaction(async (tx) => {
    const id = randomUUID();
    const view = toView(
      await tx.alertWebhook.create({ data: { id, accountId: actor.accountId, name: data.name, url: data.url, secretEncrypted }, select }),
    );
    await audit(tx, actor, "create", null, view);
    return view;
  });
}

/** PUT: name and url replace the stored ones; an omitted secret is kept, "" removes it. */
export async function updateWebhookDestination(actor: Actor, id: string, input: WebhookInput): Promise<WebhookView> {
  assertCan(actor, "notifications:write");
  const data = parseInput(webhookInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const before = await lockWebhook(tx, actor, id);
    const change: Prisma.AlertWebhookUpdateInput = {};
    if (data.name !== before.name) change.name = data.name;
    if (data.url !== before.url) change.url = data.url;
    // A secret given is a change: the stored one is not decrypted to compare.
    if (data.secret) change.secretEncrypted = sealText(data.secret, authSecret(), SECRET);
    else if (data.secret === "" && before.hasSecret) change.secretEncrypted = null;
    if (Object.keys(change).length === 0) return before;
    const after = toView(await tx.alertWebhook.update({ where: { id }, data: change, select }));
    await audit(tx, actor, "update", before, after, change.secretEncrypted !== undefined);
    return after;
  });
}

/** Refused with a conflict while an alert policy sends to it. */
export async function deleteWebhookDestination(actor: Actor, id: string): Promise<WebhookView> {
  assertCan(actor, "notifications:write");
  return getDb().$transaction(async (tx) => {
    // Policies lock the destinations they name FOR SHARE, so none can name it between count and delete.
    const before = await lockWebhook(tx, actor, id);
    if (before.policyCount > 0) throw new AppError("conflict", `conflict: webhook destination is used by ${before.policyCount} alert policy(ies)`);
    await tx.alertWebhook.delete({ where: { id } });
    await audit(tx, actor, "delete", before, null);
    return before;
  });
}

/** Where and with which secret to deliver, for the scan: null when the destination is gone. */
export async function webhookTarget(id: string): Promise<(WebhookTarget & { name: string }) | null> {
  const row = await getDb().alertWebhook.findUnique({ where: { id }, select: { name: true, url: true, secretEncrypted: true } });
  if (!row) return null;
  return { name: row.name, url: row.url, secret: row.secretEncrypted === null ? null : openText(row.secretEncrypted, authSecret(), SECRET) };
}

/** Each attempt's result on the destination: last_success or last_failure. */
export async function recordWebhookAttempt(id: string, ok: boolean, at: Date): Promise<void> {
  await getDb().alertWebhook.updateMany({ where: { id }, data: ok ? { lastSuccess: at } : { lastFailure: at } });
}

export interface WebhookTestResult {
  ok: boolean;
  /** The destination's HTTP status, null when it did not answer. */
  status: number | null;
  /** "HTTP 200", "timeout after 10 s", ... */
  outcome: string;
  ms: number;
}

/** Sends one test message (no retries) and answers what the destination said; recorded as its last success or failure. */
export async function testWebhookDestination(actor: Actor, id: string): Promise<WebhookTestResult> {
  assertCan(actor, "notifications:write");
  const view = await getWebhookDestination(actor, id);
  const target = await webhookTarget(view.id);
  if (!target) throw notFound("webhook destination");
  const now = new Date();
  const body = JSON.stringify({
    name: target.name,
    text: `Test message from Gatepost for the webhook destination "${target.name}". If you can read this, alerts about expiring service tokens will arrive here.`,
    data: {},
    ts: Math.floor(now.getTime() / 1000),
    account_id: actor.accountId,
    alert_type: "test",
  });
  const result = await postWebhook(target, body);
  await recordWebhookAttempt(view.id, result.ok, now);
  return { ok: result.ok, status: result.status, outcome: result.outcome, ms: result.ms };
}
