import "server-only";
import { randomInt } from "node:crypto";
import pg from "pg";
import { logger } from "../logger";
import { alertDeliveries } from "../metrics/registry";

// Who delivers a claimed alert. A scanner claims a delivery by inserting its alert_deliveries row
// (the unique claim key makes one instance win, scan.ts) with `owner` = its owner number, and holds
// a PostgreSQL advisory lock on that number for as long as it runs, on a connection of its own.
// The lock goes with the session: when an instance stops or dies mid-scan, its lock is free at
// once, and the next scan of any instance (the same one restarted included) adopts the deliveries
// it left pending and finishes them. A live instance's lock cannot be taken, so nothing it is
// delivering is ever sent a second time by another.

/** The advisory-lock namespace of scanner owners (two-key form: apart from Prisma's one-key lock). */
const LOCK_CLASS = 0x67617465; // "gate"

/** One delivery to claim: an alert (policy, token, expiry, lead time) for one target. */
export interface ClaimRow {
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
  /** pending: this instance delivers it; not_sent: recorded as it is (email without SMTP). */
  status: "pending" | "not_sent";
  error: string | null;
  body: string;
  sentAt: Date | null;
}

// One statement per batch, an array parameter per column (unnest), on the connection that holds the
// owner's lock (the claims are this instance's only while it does).
const CLAIM_SQL = `
  INSERT INTO alert_deliveries (account_id, policy_id, policy_name, service_token_id, service_token_name, expires_at, lead_days,
                                mechanism, target, target_name, status, error, alert_body, owner, sent_at)
  SELECT v.account_id, v.policy_id, v.policy_name, v.token_id, v.token_name, v.expires_at, v.lead_days,
         v.mechanism::"AlertMechanism", v.target, v.target_name, v.status::"AlertDeliveryStatus", v.error, v.body,
         CASE WHEN v.status = 'pending' THEN $15::int END, v.sent_at
  FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::int[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[])
    AS v(account_id, policy_id, policy_name, token_id, token_name, expires_at, lead_days, mechanism, target, target_name, status, error, body, sent_at)
  ON CONFLICT (policy_id, service_token_id, expires_at, lead_days, mechanism, target) DO NOTHING
  RETURNING mechanism::text, status::text`;

export class DeliveryOwner {
  private client: pg.Client | null = null;
  /** The owner number while the lock is held; null before acquire() and after a loss. */
  private number: number | null = null;

  /** `onLost`: the lock's connection broke; deliveries in flight must stop (another instance may adopt them). */
  constructor(
    private readonly databaseUrl: string,
    private readonly onLost: () => void,
  ) {}

  /** Connects and takes a free owner number (random; one held by a live instance is skipped). */
  async acquire(): Promise<number> {
    if (this.number !== null) return this.number;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: "gatepost alert scanner" });
    client.on("error", (err) => {
      logger.warn({ err: { message: err.message } }, "alert scanner: lost its database session; deliveries in flight stop");
      this.lose(client);
    });
    client.on("end", () => this.lose(client));
    await client.connect();
    this.client = client;
    for (;;) {
      const candidate = randomInt(1, 2 ** 31 - 1);
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_CLASS, candidate]);
      if (rows[0].ok) {
        this.number = candidate;
        return candidate;
      }
    }
  }

  private lose(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.number !== null) {
      this.number = null;
      this.onLost();
    }
  }

  /**
   * Claims `rows`: the pending ones as this instance's. A row another instance (or an earlier scan)
   * holds already is skipped; returns how many were claimed.
   */
  async claim(rows: readonly ClaimRow[]): Promise<number> {
    const client = this.client;
    const me = this.number;
    if (!client || me === null) throw new Error("alert scanner: no owner lock (its database session was lost)");
    if (rows.length === 0) return 0;
    const col = <K extends keyof ClaimRow>(k: K) => rows.map((r) => r[k]);
    const params = [
      col("accountId"), col("policyId"), col("policyName"), col("tokenId"), col("tokenName"), col("expiresAt"), col("leadDays"),
      col("mechanism"), col("target"), col("targetName"), col("status"), col("error"), col("body"), col("sentAt"), me,
    ];
    const claimed = await client.query<{ mechanism: string; status: string }>(CLAIM_SQL, params);
    // Rows recorded as they are (email without SMTP) are finished here: count them as delivered ones are.
    for (const r of claimed.rows) if (r.status !== "pending") alertDeliveries.inc({ mechanism: r.mechanism, status: r.status });
    return claimed.rowCount ?? 0;
  }

  /**
   * Takes over the pending deliveries of owners whose lock is free (stopped instances): each such
   * owner is locked while its rows change hands, so two adopters never split or share them.
   * Returns how many deliveries this instance now owns in addition.
   */
  async adoptOrphans(): Promise<number> {
    const client = this.client;
    const me = this.number;
    if (!client || me === null) return 0;
    const { rows } = await client.query<{ owner: number }>("SELECT DISTINCT owner FROM alert_deliveries WHERE status = 'pending' AND owner <> $1", [me]);
    let adopted = 0;
    for (const { owner } of rows) {
      const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_CLASS, owner]);
      if (!got.rows[0].ok) continue; // a live instance: its deliveries are its own
      try {
        adopted += (await client.query("UPDATE alert_deliveries SET owner = $1 WHERE status = 'pending' AND owner = $2", [me, owner])).rowCount ?? 0;
      } finally {
        await client.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS, owner]);
      }
    }
    return adopted;
  }

  /** Ends the session, which frees the lock: what is still pending goes to the next scan of any instance. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.number = null;
    await client?.end().catch(() => undefined);
  }
}
