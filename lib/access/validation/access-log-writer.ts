import "server-only";
import { getPool } from "../../db/client";
import { isUuid } from "../../input/uuid";
import { logger } from "../../logger";
import { validations } from "../../metrics/registry";
import { newRayIds } from "../access-log";

// The access log and usage stamps of the validation endpoint, written off the request path.
// Refused attempts are kept one row each; admitted ones (and rate-limited refusals, which arrive
// in floods) are aggregated per (token, application, client IP, minute) with a count. Rows and
// stamps wait in memory and are written in batches every FLUSH_MS, and once more at shutdown. The
// buffer is bounded: past MAX_PENDING rows new ones are counted as dropped and reported in a log
// line rather than growing memory while the database is away. Every decision recorded here is also
// counted in the metrics (gatepost_validations_total).

const FLUSH_MS = 500;
const MAX_PENDING = 50_000;
const BATCH = 5000;
/** last_seen_at is written at most once a minute per token. */
export const LAST_SEEN_EVERY_MS = 60_000;

export interface LoggedAttempt {
  accountId: string;
  allowed: boolean;
  reason: string;
  appId: string | null;
  appDomain: string | null;
  serviceTokenId: string | null;
  clientId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

interface PendingRow extends LoggedAttempt {
  createdAt: Date;
  count: number;
}

interface Stamp {
  at: Date;
  previousAt: Date | null;
  previousIp: string | null;
}

const clip = (v: string | null, max: number) => (v !== null && v.length > max ? v.slice(0, max) : v);

/** gatepost_validations_total: one labelled child per (outcome, reason), looked up without hashing labels. */
// One map per outcome, keyed by the reason itself: no key string is built per request.
const decisionCounters = { allowed: new Map<string, ReturnType<typeof validations.labels>>(), refused: new Map<string, ReturnType<typeof validations.labels>>() };
function countDecision(allowed: boolean, reason: string): void {
  const outcome = allowed ? "allowed" : "refused";
  const byReason = decisionCounters[outcome];
  let c = byReason.get(reason);
  if (!c) byReason.set(reason, (c = validations.labels(outcome, reason)));
  c.inc();
}

export class AccessLogWriter {
  private rows: PendingRow[] = [];
  private aggregates = new Map<string, PendingRow>();
  private stamps = new Map<string, Stamp>();
  /** When each token's last_seen_at (and previous-secret stamp) was last queued. */
  private stamped = new Map<string, { at: number; previousAt: number }>();
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** Stops the timer and writes everything still pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    if (this.pendingCount() > 0) await this.flush();
  }

  pendingCount(): number {
    return this.rows.length + this.aggregates.size + this.stamps.size;
  }

  record(attempt: LoggedAttempt, now = Date.now()): void {
    countDecision(attempt.allowed, attempt.reason);
    const aggregate = attempt.allowed || attempt.reason === "rate_limited";
    if (aggregate) {
      const minute = Math.floor(now / 60_000);
      const key = `${attempt.accountId}|${attempt.reason}|${attempt.serviceTokenId}|${attempt.appId}|${attempt.ipAddress}|${attempt.clientId}|${minute}`;
      const row = this.aggregates.get(key);
      if (row) {
        row.count += 1;
        return;
      }
      if (this.full()) return;
      this.aggregates.set(key, this.row(attempt, new Date(minute * 60_000)));
      return;
    }
    if (this.full()) return;
    this.rows.push(this.row(attempt, new Date(now)));
  }

  /** A successful use of a token; `previousSecret` when it was the old secret of a rotation. */
  touch(tokenId: string, ip: string | null, previousSecret: boolean, now = Date.now()): void {
    const last = this.stamped.get(tokenId);
    const due = !last || now - last.at >= LAST_SEEN_EVERY_MS;
    const previousDue = previousSecret && (!last || now - last.previousAt >= LAST_SEEN_EVERY_MS);
    if (!due && !previousDue) return;
    if (this.stamped.size >= MAX_PENDING * 4) this.stamped.clear();
    this.stamped.set(tokenId, { at: due ? now : last!.at, previousAt: previousDue ? now : (last?.previousAt ?? 0) });
    const stamp = this.stamps.get(tokenId) ?? { at: new Date(now), previousAt: null, previousIp: null };
    stamp.at = new Date(now);
    if (previousDue) {
      stamp.previousAt = new Date(now);
      stamp.previousIp = clip(ip, 64);
    }
    this.stamps.set(tokenId, stamp);
  }

  private full(): boolean {
    if (this.rows.length + this.aggregates.size < MAX_PENDING) return false;
    this.dropped += 1;
    return true;
  }

  private row(a: LoggedAttempt, createdAt: Date): PendingRow {
    return {
      accountId: a.accountId,
      allowed: a.allowed,
      reason: clip(a.reason, 64)!,
      appId: isUuid(a.appId) ? a.appId : null,
      appDomain: clip(a.appDomain, 512),
      serviceTokenId: isUuid(a.serviceTokenId) ? a.serviceTokenId : null,
      clientId: clip(a.clientId, 255),
      ipAddress: clip(a.ipAddress, 64),
      userAgent: clip(a.userAgent, 512),
      createdAt,
      count: 1,
    };
  }

  /** Writes what is pending; on failure it stays pending (within the bound) for the next flush. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    const rows = this.rows.concat([...this.aggregates.values()]);
    const stamps = [...this.stamps.entries()];
    this.rows = [];
    this.aggregates = new Map();
    this.stamps = new Map();
    if (this.dropped > 0) {
      logger.warn({ dropped: this.dropped }, "access log buffer full: attempts not recorded");
      this.dropped = 0;
    }
    const db = getPool();
    try {
      for (let i = 0; i < rows.length; i += BATCH) await insertRows(db, rows.slice(i, i + BATCH));
    } catch (err) {
      // Keep what was not written (a partial batch may be written twice: at-least-once).
      const unwritten = rows.slice(0, MAX_PENDING - this.rows.length);
      this.rows = unwritten.concat(this.rows);
      logger.warn({ err: { message: err instanceof Error ? err.message : String(err) }, pending: this.rows.length }, "writing the access log failed; retrying");
    }
    if (stamps.length === 0) return;
    try {
      const ids = stamps.map(([id]) => id);
      const seen = stamps.map(([, s]) => s.at);
      await db.query(
        `UPDATE service_tokens AS s SET last_seen_at = GREATEST(COALESCE(s.last_seen_at, v.t), v.t)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, t) WHERE s.id = v.id`,
        [ids, seen],
      );
      const previous = stamps.filter(([, s]) => s.previousAt !== null);
      if (previous.length > 0) {
        await db.query(
          `UPDATE service_tokens AS s SET previous_secret_last_seen_at = v.t, previous_secret_last_seen_ip = v.ip
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS v(id, t, ip)
           WHERE s.id = v.id AND s.previous_secret_hash IS NOT NULL
             AND (s.previous_secret_last_seen_at IS NULL OR s.previous_secret_last_seen_at < v.t)`,
          [previous.map(([id]) => id), previous.map(([, s]) => s.previousAt), previous.map(([, s]) => s.previousIp)],
        );
      }
    } catch (err) {
      for (const [id, s] of stamps) if (!this.stamps.has(id)) this.stamps.set(id, s);
      logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "writing last-seen stamps failed; retrying");
    }
  }
}

/**
 * One INSERT per batch with one array parameter per column (unnest): a flood of refusals costs a
 * few statements a second, where a multi-row VALUES would take a parameter per value. Ray ids are
 * drawn here, for the whole batch at once: one read of the random source per row, on the request
 * path, cost 8% of a validation (measured) when every request makes a row.
 */
async function insertRows(db: ReturnType<typeof getPool>, rows: PendingRow[]): Promise<void> {
  const col = <K extends keyof PendingRow>(k: K) => rows.map((r) => r[k]);
  await db.query(
    `INSERT INTO access_logs (account_id, created_at, allowed, reason, app_id, app_domain, service_token_id, client_id, ip_address, user_agent, ray_id, count)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::boolean[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])`,
    [col("accountId"), col("createdAt"), col("allowed"), col("reason"), col("appId"), col("appDomain"), col("serviceTokenId"), col("clientId"), col("ipAddress"), col("userAgent"), newRayIds(rows.length), col("count")],
  );
}
