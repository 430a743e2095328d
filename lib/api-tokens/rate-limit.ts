import "server-only";
import { getDb } from "../db/client";
import { AppError } from "../errors";

// The REST API's rate limit, as Cloudflare's: per API token, API_RATE_LIMIT requests (default
// 1,200) per API_RATE_LIMIT_WINDOW (default 5 minutes). A token's window starts at its first
// request after the previous window ended; every request within it counts, refused ones too, and
// the one past the limit is a 429 (code 10429) whose Retry-After says when the window ends. The
// count lives in the database, one row per token changed by one statement, so it holds across
// instances. Like any fixed window, a client can send up to twice the limit across a window's end.

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Counts one request of `apiTokenId`; throws rate_limited (with retryAfterSeconds) past the limit. */
export async function countApiRequest(apiTokenId: string, rule: RateLimit): Promise<void> {
  const [row] = await getDb().$queryRaw<{ count: number; ends_at: Date; now: Date }[]>`
    INSERT INTO api_rate_limits AS r (api_token_id, window_start, count)
    VALUES (${apiTokenId}::uuid, clock_timestamp(), 1)
    ON CONFLICT (api_token_id) DO UPDATE SET
      window_start = CASE WHEN r.window_start + ${rule.windowMs}::float8 * interval '1 millisecond' <= clock_timestamp() THEN clock_timestamp() ELSE r.window_start END,
      count = CASE WHEN r.window_start + ${rule.windowMs}::float8 * interval '1 millisecond' <= clock_timestamp() THEN 1 ELSE r.count + 1 END
    RETURNING count, window_start + ${rule.windowMs}::float8 * interval '1 millisecond' AS ends_at, clock_timestamp() AS now`;
  if (row.count <= rule.limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((row.ends_at.getTime() - row.now.getTime()) / 1000));
  throw new AppError("rate_limited", `rate limited: more than ${rule.limit} requests in ${Math.round(rule.windowMs / 1000)} s with this API token`, { retryAfterSeconds });
}
