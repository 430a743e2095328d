import "server-only";
import { accessLogToApi } from "../../access/api-shape";
import { listAccessLogs, type AccessLogReason } from "../../access/access-log";
import { invalid } from "../../errors";
import { isUuid } from "../../input/uuid";
import { parsePageRequest, queryParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// The authentication log (README › REST API): one row per attempt at the validation endpoint, newest first.

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

/** `<name>Op`, Cloudflare's operator of a filter: "eq" (the default) or, where `neq` is given, "neq". */
function opParam(query: URLSearchParams, name: string, neq: boolean): "eq" | "neq" {
  const raw = queryParam(query, `${name}Op`);
  if (raw === undefined || raw === "eq") return "eq";
  if (raw === "neq") {
    if (neq) return "neq";
    throw invalid(`${name}Op`, '"neq" is not supported here; only "eq" is');
  }
  throw invalid(`${name}Op`, neq ? 'must be "eq" or "neq"' : 'must be "eq"');
}

/** `allowed=true|false`, negated by `allowedOp=neq`. */
function allowedParam(query: URLSearchParams): boolean | undefined {
  const op = opParam(query, "allowed", true);
  const raw = queryParam(query, "allowed");
  if (raw === undefined) return undefined;
  if (raw !== "true" && raw !== "false") throw invalid("allowed", "must be true or false");
  return (raw === "true") !== (op === "neq");
}

function uuidParam(query: URLSearchParams, name: string, what: string): string | undefined {
  const raw = queryParam(query, name);
  if (raw === undefined) return undefined;
  if (!isUuid(raw)) throw invalid(name, `must be ${what} (UUID)`);
  return raw.toLowerCase();
}

/**
 * GET /client/v4/accounts/:account_id/access/logs/access_requests
 *
 * `since` and `until` (RFC 3339, both inclusive), `direction` (desc by default), `limit` rows per
 * page (`per_page` when `limit` is absent; 25 by default) and `page`. The dashboard's filters too:
 * `allowed` (Cloudflare's, with `allowedOp`), `app_uid` (Cloudflare's, `app_uidOp=eq` only),
 * `service_token_id` and `reason` (Gatepost's). Cloudflare answers a plain array here (no
 * result_info), and so does this; each row carries `count`, the attempts it stands for.
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
  const reason = queryParam(ctx.query, "reason");
  const allowed = allowedParam(ctx.query);
  opParam(ctx.query, "app_uid", false);
  const appId = uuidParam(ctx.query, "app_uid", "an application id");
  const serviceTokenId = uuidParam(ctx.query, "service_token_id", "a service token id");
  // The domain's schema checks the values and names the parameter in a 400.
  const rows = await listAccessLogs(ctx.actor, {
    page: page.page,
    limit,
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(direction === undefined ? {} : { direction: direction as "asc" | "desc" }),
    ...(reason === undefined ? {} : { reason: reason as AccessLogReason }),
    ...(allowed === undefined ? {} : { allowed }),
    ...(appId === undefined ? {} : { appId }),
    ...(serviceTokenId === undefined ? {} : { serviceTokenId }),
  });
  return { result: rows.map(accessLogToApi) };
}
