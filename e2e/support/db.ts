import pg from "pg";
import { e2eState } from "./state";

// Look-ups in the running server's embedded PostgreSQL, for assertions the UI alone
// cannot prove (a refused change left the row as it was; a secret was never stored in the clear).

let pool: pg.Pool | undefined;

function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: e2eState().databaseUrl, max: 2 });
  return pool;
}

export interface StoredToken {
  id: string;
  name: string;
  client_id: string;
  enabled: boolean;
  expires_at: Date | null;
  client_secret_version: number;
  previous_client_secret_expires_at: Date | null;
  secret_hash: string;
  updated_at: Date;
}

export async function storedToken(where: { id: string } | { clientId: string }): Promise<StoredToken | null> {
  const [column, value] = "id" in where ? ["id::text", where.id] : ["client_id", where.clientId];
  const { rows } = await db().query<StoredToken>(
    `SELECT id::text AS id, name, client_id, enabled, expires_at, client_secret_version,
            previous_secret_expires_at AS previous_client_secret_expires_at, secret_hash, updated_at
       FROM service_tokens WHERE ${column} = $1`,
    [value],
  );
  return rows[0] ?? null;
}

export async function auditActions(objectId: string): Promise<string[]> {
  const { rows } = await db().query<{ action: string }>(
    "SELECT action FROM audit_logs WHERE object_id = $1 ORDER BY created_at, id",
    [objectId],
  );
  return rows.map((r) => r.action);
}

/**
 * Records a use of the token, as a successful validation would. The one write the tests make
 * behind the dashboard's back: a real use needs an application and a policy.
 */
export async function setLastSeen(clientId: string, at: Date): Promise<void> {
  const { rowCount } = await db().query("UPDATE service_tokens SET last_seen_at = $2 WHERE client_id = $1", [clientId, at]);
  if (rowCount !== 1) throw new Error(`no service token with client id ${clientId}`);
}

/** A webhook destination's last test or delivery results, as if it had been used (its dates in the table). */
export async function setWebhookResults(name: string, at: Date): Promise<void> {
  await db().query("UPDATE alert_webhooks SET last_success = $2, last_failure = $2 WHERE name = $1", [name, at]);
}

export interface SeededToken {
  name: string;
  enabled?: boolean;
  expiresAt: Date | null;
  lastSeenAt?: Date | null;
}

/**
 * Tokens of every age at once, for an account of the test's own (the Overview's counts): what the
 * dashboard cannot make (an expiry in the past, a use 100 days ago). The account's counter is
 * kept as the service keeps it.
 */
export async function insertServiceTokens(accountId: string, tokens: SeededToken[]): Promise<void> {
  const client = await db().connect();
  try {
    await client.query("BEGIN");
    for (const t of tokens) {
      await client.query(
        `INSERT INTO service_tokens (id, account_id, name, client_id, secret_hash, duration, expires_at, enabled, last_seen_at, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, md5(random()::text) || '.access', encode(sha256(convert_to(random()::text, 'UTF8')), 'hex'),
                 CASE WHEN $3::timestamptz IS NULL THEN 'forever' ELSE '8760h' END, $3, $4, $5, now(), now())`,
        [accountId, t.name, t.expiresAt, t.enabled ?? true, t.lastSeenAt ?? null],
      );
    }
    await client.query("UPDATE accounts SET service_token_count = service_token_count + $2 WHERE id = $1", [accountId, tokens.length]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/**
 * A delivery in the history of `policyId`'s account, as the scan records one: for pages that only
 * show the history (the scan itself is tested through a real scan in e2e/notifications.spec.ts).
 */
export async function insertDelivery(d: {
  policyId: string;
  policyName: string;
  serviceTokenId: string;
  serviceTokenName: string;
  target: string;
  targetName: string;
  status: "sent" | "failed";
  error: string | null;
}): Promise<void> {
  const { rowCount } = await db().query(
    `INSERT INTO alert_deliveries (account_id, policy_id, policy_name, service_token_id, service_token_name, expires_at, lead_days,
                                   mechanism, target, target_name, status, error, attempts, alert_body, sent_at)
     SELECT account_id, $1::uuid, $2, $3::uuid, $4, now() + interval '100 hours', 7, 'webhook', $5, $6, $7::"AlertDeliveryStatus", $8, 5, '{}', now()
       FROM alert_policies WHERE id = $1::uuid`,
    [d.policyId, d.policyName, d.serviceTokenId, d.serviceTokenName, d.target, d.targetName, d.status, d.error],
  );
  if (rowCount !== 1) throw new Error(`no alert policy ${d.policyId}`);
}

export async function alertPolicyId(name: string): Promise<string> {
  const { rows } = await db().query<{ id: string }>("SELECT id::text AS id FROM alert_policies WHERE name = $1", [name]);
  if (rows.length !== 1) throw new Error(`${rows.length} alert policies named ${name}`);
  return rows[0].id;
}
