import "server-only";
import { appsAdmittingServiceTokens } from "../access/policies";
import { getDb } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { SMTP_NOT_CONFIGURED, deliverEmail, type Mailer } from "./deliver-email";
import { deliverWebhook } from "./deliver-webhook";
import { recordWebhookAttempt, webhookTarget } from "./destinations";
import { alertPayload, type AlertFacts, type AlertPayload } from "./message";
import { DeliveryInterrupted, type DeliveryOutcome, type RetryPolicy } from "./retry";

// One scan: find the alerts that are due, claim them, deliver what this instance claimed.
//
// Due: for each enabled policy, each enabled, unexpired token of its account (or of its token
// filter) whose expires_at is within one of the policy's lead times, the shortest lead time it is
// within (a token first seen at 100 hours by a policy with 30 and 7 days gets the 7-day alert; the
// 30-day one is past), unless a delivery of that (policy, token, expires_at, lead time) exists.
// The tokens come from service_tokens_account_id_expires_at_id_idx, a range of each policy's
// account: the cost follows the tokens inside the longest lead time, not the size of the table.
//
// Claimed: one alert_deliveries row per target (email address, webhook destination), inserted
// ON CONFLICT DO NOTHING on the claim key, so of several instances scanning at once exactly one
// gets each row; then it delivers its rows (claims.ts says what happens if it stops first).

const BATCH = 500;
const DEFAULT_CONCURRENCY = 8;

export interface ScanContext {
  /** This instance's owner number (claims.ts). */
  owner: number;
  now: Date;
  publicUrl: string;
  /** null: SMTP is not configured; email deliveries are recorded as not sent. */
  mailer: Mailer | null;
  retry: RetryPolicy;
  /** Aborted when the scanner stops: deliveries in flight are left pending. */
  signal: AbortSignal;
  webhookTimeoutMs?: number;
  concurrency?: number;
}

interface Due {
  account_id: string;
  policy_id: string;
  policy_name: string;
  email_recipients: string[];
  token_id: string;
  token_name: string;
  client_id: string;
  expires_at: Date;
  lead_days: number;
}

/** A batch of due alerts after `after` (keyset: expiry, policy, token), oldest expiry first. */
function dueAlerts(now: Date, after: Pick<Due, "expires_at" | "policy_id" | "token_id"> | null): Promise<Due[]> {
  const cursorExpiry = after?.expires_at ?? new Date(0);
  const cursorPolicy = after?.policy_id ?? "00000000-0000-0000-0000-000000000000";
  const cursorToken = after?.token_id ?? "00000000-0000-0000-0000-000000000000";
  return getDb().$queryRaw<Due[]>`
    SELECT c.account_id, c.policy_id::text AS policy_id, c.policy_name, c.email_recipients, c.token_id::text AS token_id,
           c.token_name, c.client_id, c.expires_at, c.lead_days
    FROM (
      SELECT p.account_id, p.id AS policy_id, p.name AS policy_name, coalesce(p.email_recipients, '{}') AS email_recipients,
             t.id AS token_id, t.name AS token_name, t.client_id, t.expires_at,
             (SELECT min(d) FROM unnest(p.lead_days) AS d WHERE t.expires_at <= ${now}::timestamptz + make_interval(days => d)) AS lead_days
      FROM alert_policies p
      CROSS JOIN LATERAL (
        SELECT s.id, s.name, s.client_id, s.expires_at
        FROM service_tokens s
        WHERE s.account_id = p.account_id
          AND s.expires_at > ${now}::timestamptz
          AND s.expires_at <= ${now}::timestamptz + make_interval(days => (SELECT max(d) FROM unnest(p.lead_days) AS d))
          AND s.enabled
          AND (coalesce(cardinality(p.token_ids), 0) = 0 OR s.id = ANY (p.token_ids))
      ) t
      WHERE p.enabled
        AND p.alert_type = 'expiring_service_token_alert'
        AND (coalesce(cardinality(p.email_recipients), 0) > 0 OR EXISTS (SELECT 1 FROM alert_policy_webhooks w WHERE w.policy_id = p.id))
    ) c
    WHERE (c.expires_at, c.policy_id, c.token_id) > (${cursorExpiry}::timestamptz, ${cursorPolicy}::uuid, ${cursorToken}::uuid)
      AND NOT EXISTS (
        SELECT 1 FROM alert_deliveries d
        WHERE d.policy_id = c.policy_id AND d.service_token_id = c.token_id AND d.expires_at = c.expires_at AND d.lead_days = c.lead_days)
    ORDER BY c.expires_at, c.policy_id, c.token_id
    LIMIT ${BATCH}`;
}

interface ClaimRow {
  accountId: string;
  policyId: string;
  policyName: string;
  tokenId: string;
  tokenName: string;
  expiresAt: Date;
  leadDays: number;
  mechanism: "email" | "webhook";
  target: string;
  targetName: string | null;
  status: "pending" | "not_sent";
  error: string | null;
  body: string;
  owner: number | null;
  sentAt: Date | null;
}

/** Inserts the claims; the ones another instance (or an earlier scan) holds already are skipped. */
async function insertClaims(rows: ClaimRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof ClaimRow>(k: K) => rows.map((r) => r[k]);
  return getDb().$executeRaw`
    INSERT INTO alert_deliveries (account_id, policy_id, policy_name, service_token_id, service_token_name, expires_at, lead_days,
                                  mechanism, target, target_name, status, error, alert_body, owner, sent_at)
    SELECT v.account_id, v.policy_id, v.policy_name, v.token_id, v.token_name, v.expires_at, v.lead_days,
           v.mechanism::"AlertMechanism", v.target, v.target_name, v.status::"AlertDeliveryStatus", v.error, v.body, v.owner, v.sent_at
    FROM unnest(${col("accountId")}::text[], ${col("policyId")}::uuid[], ${col("policyName")}::text[], ${col("tokenId")}::uuid[],
                ${col("tokenName")}::text[], ${col("expiresAt")}::timestamptz[], ${col("leadDays")}::int[], ${col("mechanism")}::text[],
                ${col("target")}::text[], ${col("targetName")}::text[], ${col("status")}::text[], ${col("error")}::text[],
                ${col("body")}::text[], ${col("owner")}::int[], ${col("sentAt")}::timestamptz[])
      AS v(account_id, policy_id, policy_name, token_id, token_name, expires_at, lead_days, mechanism, target, target_name, status, error, body, owner, sent_at)
    ON CONFLICT (policy_id, service_token_id, expires_at, lead_days, mechanism, target) DO NOTHING`;
}

/** Webhook destinations (id, name) of each policy. */
async function policyWebhooks(policyIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await getDb().alertPolicyWebhook.findMany({
    where: { policyId: { in: policyIds } },
    select: { policyId: true, webhook: { select: { id: true, name: true } } },
    orderBy: { webhookId: "asc" },
  });
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.policyId, [...(out.get(r.policyId) ?? []), r.webhook]);
  return out;
}

async function applicationsOf(due: Due[]) {
  const byAccount = new Map<string, string[]>();
  for (const d of due) byAccount.set(d.account_id, [...(byAccount.get(d.account_id) ?? []), d.token_id]);
  const out = new Map<string, Awaited<ReturnType<typeof appsAdmittingServiceTokens>>>();
  for (const [accountId, tokenIds] of byAccount) out.set(accountId, await appsAdmittingServiceTokens(accountId, [...new Set(tokenIds)]));
  return out;
}

/** Finds and claims every due alert; returns the claims made (pending or, for email without SMTP, not sent). */
export async function claimDueAlerts(ctx: ScanContext): Promise<number> {
  let claimed = 0;
  let after: Due | null = null;
  for (;;) {
    const due = await dueAlerts(ctx.now, after);
    if (due.length === 0) return claimed;
    after = due[due.length - 1];
    const [webhooks, apps] = await Promise.all([policyWebhooks([...new Set(due.map((d) => d.policy_id))]), applicationsOf(due)]);
    const rows: ClaimRow[] = [];
    for (const d of due) {
      const facts: AlertFacts = {
        accountId: d.account_id,
        policyId: d.policy_id,
        policyName: d.policy_name,
        token: { id: d.token_id, name: d.token_name, clientId: d.client_id, expiresAt: d.expires_at },
        leadDays: d.lead_days,
        applications: apps.get(d.account_id)?.get(d.token_id) ?? [],
        dashboardUrl: `${ctx.publicUrl}/service-tokens/${d.token_id}`,
        now: ctx.now,
      };
      const base = {
        accountId: d.account_id,
        policyId: d.policy_id,
        policyName: d.policy_name,
        tokenId: d.token_id,
        tokenName: d.token_name,
        expiresAt: d.expires_at,
        leadDays: d.lead_days,
      };
      const email = JSON.stringify(alertPayload(facts, d.policy_name));
      for (const to of d.email_recipients) {
        rows.push({
          ...base,
          mechanism: "email",
          target: to,
          targetName: null,
          body: email,
          ...(ctx.mailer
            ? { status: "pending", error: null, owner: ctx.owner, sentAt: null }
            : { status: "not_sent", error: SMTP_NOT_CONFIGURED, owner: null, sentAt: ctx.now }),
        });
      }
      for (const w of webhooks.get(d.policy_id) ?? []) {
        rows.push({ ...base, mechanism: "webhook", target: w.id, targetName: w.name, body: JSON.stringify(alertPayload(facts, w.name)), status: "pending", error: null, owner: ctx.owner, sentAt: null });
      }
    }
    claimed += await insertClaims(rows);
    if (due.length < BATCH) return claimed;
  }
}

interface PendingRow {
  id: bigint;
  mechanism: "email" | "webhook";
  target: string;
  alertBody: string;
}

async function deliverOne(ctx: ScanContext, row: PendingRow): Promise<DeliveryOutcome> {
  const opts = { policy: ctx.retry, signal: ctx.signal };
  if (row.mechanism === "email") {
    if (!ctx.mailer) return { ok: false, attempts: [], error: SMTP_NOT_CONFIGURED };
    return deliverEmail(ctx.mailer, row.target, JSON.parse(row.alertBody) as AlertPayload, opts);
  }
  let target: Awaited<ReturnType<typeof webhookTarget>>;
  try {
    target = await webhookTarget(row.target);
  } catch (e) {
    // The secret could not be decrypted (AUTH_SECRET changed): nothing to retry until it is set again.
    return { ok: false, attempts: [], error: e instanceof Error ? e.message : "cannot read the destination" };
  }
  if (!target) return { ok: false, attempts: [], error: "the webhook destination was deleted" };
  return deliverWebhook(target, row.alertBody, {
    ...opts,
    timeoutMs: ctx.webhookTimeoutMs,
    onAttempt: (ok, at) => recordWebhookAttempt(row.target, ok, at),
  });
}

function statusOf(row: PendingRow, outcome: DeliveryOutcome): "sent" | "failed" | "not_sent" {
  if (outcome.ok) return "sent";
  return row.mechanism === "email" && outcome.error === SMTP_NOT_CONFIGURED ? "not_sent" : "failed";
}

export interface DeliverySummary {
  sent: number;
  failed: number;
  notSent: number;
  /** Left pending because the scanner stopped. */
  interrupted: number;
}

/** Delivers every pending row this instance owns, `concurrency` at a time; each ends sent, failed or not sent. */
export async function deliverPending(ctx: ScanContext): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, failed: 0, notSent: 0, interrupted: 0 };
  const db = getDb();
  let afterId = 0n;
  for (;;) {
    const rows: PendingRow[] = await db.alertDelivery.findMany({
      where: { status: "pending", owner: ctx.owner, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, mechanism: true, target: true, alertBody: true },
    });
    if (rows.length === 0) return summary;
    afterId = rows[rows.length - 1].id;
    let next = 0;
    const worker = async () => {
      while (next < rows.length && !ctx.signal.aborted) {
        const row = rows[next++];
        let outcome: DeliveryOutcome;
        try {
          outcome = await deliverOne(ctx, row);
        } catch (e) {
          if (e instanceof DeliveryInterrupted) {
            summary.interrupted++;
            continue;
          }
          throw e;
        }
        const status = statusOf(row, outcome);
        summary[status === "not_sent" ? "notSent" : status]++;
        // Only while it is still ours: an instance that lost its lock may have been adopted meanwhile.
        await db.alertDelivery.updateMany({
          where: { id: row.id, owner: ctx.owner, status: "pending" },
          data: {
            status,
            error: outcome.error?.slice(0, 1024) ?? null,
            attempts: outcome.attempts.length,
            attemptLog: outcome.attempts as unknown as Prisma.InputJsonArray,
            sentAt: new Date(),
            owner: null,
          },
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(ctx.concurrency ?? DEFAULT_CONCURRENCY, rows.length) }, worker));
    if (ctx.signal.aborted) return summary;
  }
}
