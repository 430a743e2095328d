import { z } from "zod";
import { isAccessLogReason, type AccessLogReason } from "@/lib/access/schemas";
import { isUuid } from "@/lib/input/uuid";
import {
  ACCESS_LOG_PER_PAGE,
  DEFAULT_ACCESS_LOG_PER_PAGE,
  FILTER_PARAMS,
  OUTCOMES,
  TIME_RANGES,
  type FilterParam,
  type Outcome,
  type TimeRange,
} from "@/components/access-logs/list-options";
import { first, pageParamFields, type RawParams } from "../../list-params";

// The URL of Logs › Authentication: ?page, per_page (unreadable: the default, as on every list)
// and the filters app, token, outcome, reason, range. A filter the page cannot read is not
// silently dropped (the log would then show more than the link promised): the page says which one
// and links to the same filters without it. Problems name the parameter, never echo its value,
// which may be 10 KB long or hold a NUL.

const pagingSchema = z.object(pageParamFields(ACCESS_LOG_PER_PAGE, DEFAULT_ACCESS_LOG_PER_PAGE));

export interface AuthLogFilters {
  app?: string;
  token?: string;
  outcome?: Outcome;
  reason?: AccessLogReason;
  range?: TimeRange;
}

export interface AuthLogParams extends AuthLogFilters {
  page: number;
  perPage: number;
}

export interface ParamProblem {
  param: FilterParam;
  label: string;
  problem: string;
}

const MAX_VALUE = 64;

function check(param: FilterParam, value: string): { ok: true; value: string } | { ok: false; problem: string } {
  if (value.length > MAX_VALUE) return { ok: false, problem: "is too long" };
  switch (param) {
    case "app":
      return isUuid(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, problem: "is not an application id" };
    case "token":
      return isUuid(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, problem: "is not a service token id" };
    case "outcome":
      return OUTCOMES.some((o) => o.value === value) ? { ok: true, value } : { ok: false, problem: 'must be "allowed" or "refused"' };
    case "reason":
      return isAccessLogReason(value) ? { ok: true, value } : { ok: false, problem: "is not a reason Gatepost records" };
    case "range":
      return TIME_RANGES.some((r) => r.value === value) ? { ok: true, value } : { ok: false, problem: "is not one of the offered time ranges" };
  }
}

/** The filters and page of the URL, what could not be read, and the link to the readable filters alone. */
export function parseAuthLogParams(raw: RawParams): { params: AuthLogParams; problems: ParamProblem[]; cleanHref: string } {
  const paging = pagingSchema.parse({ page: first(raw.page), per_page: first(raw.per_page) });
  const filters: Record<string, string> = {};
  const problems: ParamProblem[] = [];
  for (const param of Object.keys(FILTER_PARAMS) as FilterParam[]) {
    const value = first(raw[param]);
    if (value === undefined || value === "") continue;
    const result = check(param, value);
    if (result.ok) filters[param] = result.value;
    else problems.push({ param, label: FILTER_PARAMS[param], problem: result.problem });
  }
  const clean = new URLSearchParams(filters);
  if (paging.per_page !== DEFAULT_ACCESS_LOG_PER_PAGE) clean.set("per_page", String(paging.per_page));
  return {
    params: { page: paging.page, perPage: paging.per_page, ...(filters as AuthLogFilters) },
    problems,
    cleanHref: `/logs/authentication${clean.size ? `?${clean}` : ""}`,
  };
}

/** The start of the time range, on the server's clock; undefined for all time. */
export function rangeStart(range: TimeRange | undefined, now: Date): Date | undefined {
  const r = TIME_RANGES.find((t) => t.value === range);
  return r ? new Date(now.getTime() - r.ms) : undefined;
}

export const hasFilters = (p: AuthLogFilters): boolean => Boolean(p.app || p.token || p.outcome || p.reason || p.range);
