import { z } from "zod";
import { isAccessLogReason, type AccessLogReason } from "@/lib/access/schemas";
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
import { first, oneOfFilter, pageParamFields, readFilterParams, uuidFilter, type FilterCheck, type ParamProblem, type RawParams } from "../../list-params";

// The URL of Logs › Authentication: ?page, per_page (unreadable: the default, as on every list)
// and the filters app, token, outcome, reason, range, read by readFilterParams: a filter the page
// cannot read is named on the page, with a link to the same filters without it.

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

const FILTERS: Record<FilterParam, { label: string; check: FilterCheck }> = {
  app: { label: FILTER_PARAMS.app, check: uuidFilter("an application id") },
  token: { label: FILTER_PARAMS.token, check: uuidFilter("a service token id") },
  outcome: {
    label: FILTER_PARAMS.outcome,
    check: oneOfFilter(OUTCOMES.map((o) => o.value), 'must be "allowed" or "refused"'),
  },
  reason: {
    label: FILTER_PARAMS.reason,
    check: (value) => (isAccessLogReason(value) ? { ok: true, value } : { ok: false, problem: "is not a reason Gatepost records" }),
  },
  range: {
    label: FILTER_PARAMS.range,
    check: oneOfFilter(TIME_RANGES.map((r) => r.value), "is not one of the offered time ranges"),
  },
};

/** The filters and page of the URL, what could not be read, and the link to the readable filters alone. */
export function parseAuthLogParams(raw: RawParams): { params: AuthLogParams; problems: ParamProblem[]; cleanHref: string } {
  const paging = pagingSchema.parse({ page: first(raw.page), per_page: first(raw.per_page) });
  const keep: Record<string, string> = paging.per_page !== DEFAULT_ACCESS_LOG_PER_PAGE ? { per_page: String(paging.per_page) } : {};
  const { filters, problems, cleanHref } = readFilterParams(raw, "/logs/authentication", FILTERS, keep);
  return { params: { page: paging.page, perPage: paging.per_page, ...(filters as AuthLogFilters) }, problems, cleanHref };
}

/** The start of the time range, on the server's clock; undefined for all time. */
export function rangeStart(range: TimeRange | undefined, now: Date): Date | undefined {
  const r = TIME_RANGES.find((t) => t.value === range);
  return r ? new Date(now.getTime() - r.ms) : undefined;
}

export const hasFilters = (p: AuthLogFilters): boolean => Boolean(p.app || p.token || p.outcome || p.reason || p.range);
