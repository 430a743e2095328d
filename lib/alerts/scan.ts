import "server-only";
import { appsAdmittingServiceTokens } from "../access/policies";
import { getDb } from "../db/client";
import { logger } from "../logger";
import { alertDeliveries } from "../metrics/registry";
import type { Prisma } from "../generated/prisma/client";
import { SMTP_NOT_CONFIGURED, deliverEmail, type Mailer } from "./deliver-email";
import { deliverWebhook } from "./deliver-webhook";
import { recordWebhookAttempt, webhookTarget } from "./destinations";
import type { ClaimRow, DeliveryOwner } from "./claims";
import { alertPayload, type AlertFacts, type AlertPayload } from "./message";
import { DeliveryInterrupted, type DeliveryOutcome, type RetryPolicy } from "./retry";

// One scan: find the alerts that are due, claim them, deliver what this instance claimed.
//
// Due: for each enabled policy, each enabled, unexpired token of its account (or of its token
// filter) whose expires_at is within one of the policy's lead times, the shortest lead time it is
// within (a token first seen at 100 hours by a policy with 30 and 7 days gets the 7-day alert; the
// 30-day one is past), unless a delivery of that (policy, token, expires_at, lead time) exists.
// The tokens come from service_tokens_account_id_expires_at_id_idx, a range of each policy's
// account, and each is checked against the claim key's index: the cost follows the tokens inside
// the longest lead time, not the size of the table (bench/alerts.ts measures it).
//
// Claimed: one alert_deliveries row per target (email address, webhook destination), inserted
// ON CONFLICT DO NOTHING on the claim key, so of several instances scanning at once exactly one
// gets each row; then it delivers its rows (claims.ts says what happens if it stops first).

const BATCH = 1000;
const DEFAULT_CONCURRENCY = 8;

export interface ScanContext {
  /** This instance's claims (claims.ts): its owner number, and the inserts that claim. */
  claims: DeliveryOwner;
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

/**
 * A batch of due alerts after `after` (keyset: expiry, policy, token), soonest expiry first. The
 * policies come first, each with its horizon (now + its longest lead time); then, per policy, its
 * account's tokens in (now, horizon]: a range of service_tokens_account_id_expires_at_id_idx. The
 * OFFSET 0 keeps that lookup per policy (a parameterized index scan) instead of letting the planner
 * join every token of the table to the policies.
 */
function dueAlerts(now: Date, after: Pick<Due, "expires_at" | "policy_id" | "token_id"> | null): Promise<Due[]> {
  const cursorExpiry = after?.expires_at ?? new Date(0);
  const cursorPolicy = after?.policy_id ?? "00000000-0000-0000-0000-000000000000";
  const cursorToken = after?.token_id ?? "00000000-0000-0000-0000-000000000000";
  return getDb().$queryRaw<Due[]>`
    WITH p AS MATERIALIZED (
      SELECT id, account_id, name, coalesce(email_recipients, '{}') AS email_recipients, coalesce(token_ids, '{}') AS token_ids, lead_days,
             ${now}::timestamptz + make_interval(days => (SELECT max(d) FROM unnest(lead_days) AS d)) AS horizon
      FROM alert_policies
      WHERE enabled
        AND alert_type = 'expiring_service_token_alert'
        AND (coalesce(cardinality(email_recipients), 0) > 0 OR EXISTS (SELECT 1 FROM alert_policy_webhooks w WHERE w.policy_id = alert_policies.id))
    )
    SELECT p.account_id, p.id::text AS policy_id, p.name AS policy_name, p.email_recipients, t.id::text AS token_id,
           t.name AS token_name, t.client_id, t.expires_at, t.lead_days
    FROM p
    CROSS JOIN LATERAL (
      SELECT s.id, s.name, s.client_id, s.expires_at,
             (SELECT min(d) FROM unnest(p.lead_days) AS d WHERE s.expires_at <= ${now}::timestamptz + make_interval(days => d)) AS lead_days
      FROM service_tokens s
      WHERE s.account_id = p.account_id
        AND s.expires_at > ${now}::timestamptz
        AND s.expires_at <= p.horizon
        AND s.enabled
        AND (cardinality(p.token_ids) = 0 OR s.id = ANY (p.token_ids))
      OFFSET 0
    ) t
    WHERE (t.expires_at, p.id, t.id) > (${cursorExpiry}::timestamptz, ${cursorPolicy}::uuid, ${cursorToken}::uuid)
      -- Not yet claimed. A scalar subquery, not NOT EXISTS: the planner keeps it a lookup per row on
      -- all four columns of the claim key, where an anti-join may probe by policy alone (and read
      -- every delivery of the policy for every token).
      AND (SELECT true FROM alert_deliveries d
           WHERE d.policy_id = p.id AND d.service_token_id = t.id AND d.expires_at = t.expires_at AND d.lead_days = t.lead_days
           LIMIT 1) IS NULL
    ORDER BY t.expires_at, p.id, t.id
    LIMIT ${BATCH}`;
}

/** Webhook destinations (id, name) of each policy. */
async function policyWebhooks(policyIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await getDb().alertPolicyWebhook.findMany({
    where: { policyId: { in: policyIds } },
    select: { policyId: true, webhook: { select: { id: true, name: true } } },
    orderBy: { webhookId: "asc" },
  });
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) {
    if (!out.has(r.policyId)) out.set(r.policyId, []);
    out.get(r.policyId)!.push(r.webhook);
  }
  return out;
}

async function applicationsOf(due: Due[]) {
  const byAccount = new Map<string, Set<string>>();
  for (const d of due) {
    if (!byAccount.has(d.account_id)) byAccount.set(d.account_id, new Set());
    byAccount.get(d.account_id)!.add(d.token_id);
  }
  const out = new Map<string, Awaited<ReturnType<typeof appsAdmittingServiceTokens>>>();
  for (const [accountId, tokenIds] of byAccount) out.set(accountId, await appsAdmittingServiceTokens(accountId, [...tokenIds]));
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
          ...(ctx.mailer ? { status: "pending", error: null, sentAt: null } : { status: "not_sent", error: SMTP_NOT_CONFIGURED, sentAt: ctx.now }),
        });
      }
      for (const w of webhooks.get(d.policy_id) ?? []) {
        rows.push({ ...base, mechanism: "webhook", target: w.id, targetName: w.name, body: JSON.stringify(alertPayload(facts, w.name)), status: "pending", error: null, sentAt: null });
      }
    }
    claimed += await ctx.claims.claim(rows);
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
        alertDeliveries.inc({ mechanism: row.mechanism, status });
        // The destination's id only: an address is personal, a webhook URL can be a credential.
        if (status === "failed") logger.warn({ delivery: String(row.id), mechanism: row.mechanism, ...(row.mechanism === "webhook" ? { destination: row.target } : {}), error: outcome.error }, "alert delivery failed");
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
