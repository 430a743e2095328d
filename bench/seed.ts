import type pg from "pg";

// Bulk seeding in SQL: one INSERT ... SELECT generate_series per account instead of the service's
// one-row transactions (100,000 tokens in seconds rather than minutes). Rows look like real ones:
// Cloudflare-shaped client ids, SHA-256 secret digests, a mix of durations, expired and
// non-expiring tokens, never-seen and recently-seen tokens, a few disabled or mid-rotation.

/** A word that appears in exactly SEARCH_MATCHES names of each seeded account. */
export const SEARCH_TERM = "billing-reconciler";
export const SEARCH_MATCHES = 5;

const SEED_SQL = `
INSERT INTO service_tokens (
  id, account_id, name, client_id, secret_hash, previous_secret_hash, previous_secret_expires_at,
  client_secret_version, duration, expires_at, enabled, last_seen_at, created_at, updated_at)
SELECT
  gen_random_uuid(),
  $1::text,
  CASE WHEN i % $3::int = 7 THEN $4::text || '-' ELSE '' END
    || (ARRAY['ci-runner','backup-agent','metrics-scraper','deploy-bot','log-shipper','webhook-relay',
              'sync-worker','etl-job','healthcheck','terraform','grafana-agent','cron-mailer'])[1 + i % 12]
    || '-' || (ARRAY['prod','staging','dev','qa'])[1 + (i / 12) % 4]
    || '-' || (ARRAY['us-east-1','eu-west-1','ap-south-1','eu-central-1','us-west-2'])[1 + (i / 48) % 5]
    || '-' || lpad(i::text, 6, '0'),
  md5($1::text || ':client:' || i) || '.access',
  encode(sha256(convert_to($1::text || ':secret:' || i, 'UTF8')), 'hex'),
  CASE WHEN i % 500 = 0 THEN encode(sha256(convert_to($1::text || ':previous:' || i, 'UTF8')), 'hex') END,
  CASE WHEN i % 500 = 0 THEN now() + interval '1 day' END,
  CASE WHEN i % 500 = 0 THEN 2 ELSE 1 END,
  CASE i % 10 WHEN 0 THEN 'forever' WHEN 1 THEN '17520h' ELSE '8760h' END,
  CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN created + interval '17520 hours' ELSE created + interval '8760 hours' END,
  i % 50 <> 0,
  CASE WHEN i % 3 = 0 THEN NULL ELSE now() - random() * interval '90 days' END,
  created,
  created
FROM (
  -- Spread over the last three years, oldest first: the row with the highest i is the newest.
  SELECT i, date_trunc('milliseconds', now() - interval '3 years' + (i::float8 / $2::int) * interval '3 years') AS created
  FROM generate_series(1, $2::int) AS i
) AS s`;

export interface SeededAccount {
  id: string;
  tokens: number;
  /** Name of the newest token: the first row of the default page, so a render can be checked. */
  newestName: string;
}

export async function seedTokens(db: pg.Client, accountId: string, count: number): Promise<SeededAccount> {
  await db.query("BEGIN");
  try {
    await db.query(SEED_SQL, [accountId, count, Math.floor(count / SEARCH_MATCHES), SEARCH_TERM]);
    // The dashboard's total comes from this counter, which the service keeps on every insert/delete.
    await db.query(
      "UPDATE accounts SET service_token_count = (SELECT count(*) FROM service_tokens WHERE account_id = $1) WHERE id = $1",
      [accountId],
    );
    await db.query("COMMIT");
  } catch (e) {
    await db.query("ROLLBACK");
    throw e;
  }
  await db.query("ANALYZE service_tokens");
  await db.query("ANALYZE accounts");
  const newest = await db.query<{ name: string }>(
    "SELECT name FROM service_tokens WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    [accountId],
  );
  return { id: accountId, tokens: count, newestName: newest.rows[0].name };
}

/**
 * What autovacuum would do after a bulk insert: merge the GIN pending lists into the trigram indexes
 * (until then every search scans them), set the visibility map, refresh statistics. Measuring after
 * this is measuring the table's steady state, not the minute after a bulk load.
 */
export async function settle(db: pg.Client): Promise<void> {
  await db.query("VACUUM (ANALYZE) service_tokens");
  await db.query("VACUUM (ANALYZE) accounts");
}

/** Rows in the whole table, and whether every account's counter matches its real count. */
export async function tableState(db: pg.Client): Promise<{ rows: number; countersMatch: boolean }> {
  const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM service_tokens");
  const drift = await db.query<{ n: string }>(`
    SELECT count(*) AS n FROM accounts a
    WHERE a.service_token_count <> (SELECT count(*) FROM service_tokens t WHERE t.account_id = a.id)`);
  return { rows: Number(rows.rows[0].n), countersMatch: drift.rows[0].n === "0" };
}
