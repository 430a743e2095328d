import "server-only";
import { accessLogToApi } from "../../access/api-shape";
import { listAccessLogs } from "../../access/access-log";
import { invalid } from "../../errors";
import { parsePageRequest, queryParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// The authentication log (SPEC §3): one row per attempt at the validation endpoint, newest first.

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;
// Filters on a user's identity: service-token attempts have none, and ignoring the filter would
// answer with every row.
const UNSUPPORTED_FILTERS = ["email", "email_exact", "user_id"] as const;

/** `limit` (Cloudflare's page size here), as strict as per_page. */
function limitParam(query: URLSearchParams): number | undefined {
  const raw = queryParam(query, "limit");
  if (raw === undefined) return undefined;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) throw invalid("limit", `must be an integer between 1 and ${MAX_LIMIT}`);
  return Number(raw);
}

/**
 * GET /client/v4/accounts/:account_id/access/logs/access_requests
 *
 * `since` and `until` (RFC 3339, both inclusive), `direction` (desc by default), `limit` rows per
 * page (`per_page` when `limit` is absent; 25 by default) and `page`. Cloudflare answers a plain
 * array here (no result_info), and so does this.
 */
export async function listAccessRequestsRoute(ctx: ApiContext): Promise<ApiResult> {
  for (const name of UNSUPPORTED_FILTERS) {
    if (queryParam(ctx.query, name) !== undefined) throw invalid(name, "is not supported: service-token authentications have no user");
  }
  const page = parsePageRequest(ctx.query, DEFAULT_LIMIT);
  const limit = limitParam(ctx.query) ?? page.perPage;
  const since = queryParam(ctx.query, "since");
  const until = queryParam(ctx.query, "until");
  const direction = queryParam(ctx.query, "direction");
  // The domain's schema checks the values and names the parameter in a 400.
  const rows = await listAccessLogs(ctx.actor, {
    page: page.page,
    limit,
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(direction === undefined ? {} : { direction: direction as "asc" | "desc" }),
  });
  return { result: rows.map(accessLogToApi) };
}
