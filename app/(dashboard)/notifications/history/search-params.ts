import { z } from "zod";
import { DELIVERY_STATUSES, MECHANISM_TYPES, type DeliveryStatus, type MechanismType } from "@/lib/alerts/schemas";
import { DEFAULT_HISTORY_PER_PAGE, HISTORY_FILTER_PARAMS, HISTORY_PER_PAGE, type HistoryFilterParam } from "@/components/notifications/list-options";
import { first, oneOfFilter, pageParamFields, readFilterParams, uuidFilter, type FilterCheck, type ParamProblem, type RawParams } from "../../list-params";

// The URL of Notifications › History: ?page, per_page (unreadable: the default, as on every list)
// and the filters policy_id, mechanism_type, status (the REST API's names), read by
// readFilterParams: a filter the page cannot read is named on the page, never silently dropped.

const pagingSchema = z.object(pageParamFields(HISTORY_PER_PAGE, DEFAULT_HISTORY_PER_PAGE));

export interface HistoryFilters {
  policy_id?: string;
  mechanism_type?: MechanismType;
  status?: DeliveryStatus;
}

const FILTERS: Record<HistoryFilterParam, { label: string; check: FilterCheck }> = {
  policy_id: { label: HISTORY_FILTER_PARAMS.policy_id, check: uuidFilter("an alert policy id") },
  mechanism_type: { label: HISTORY_FILTER_PARAMS.mechanism_type, check: oneOfFilter(MECHANISM_TYPES, 'must be "email" or "webhook"') },
  status: { label: HISTORY_FILTER_PARAMS.status, check: oneOfFilter(DELIVERY_STATUSES, `must be one of ${DELIVERY_STATUSES.join(", ")}`) },
};

export function parseHistoryParams(raw: RawParams): { params: HistoryFilters & { page: number; perPage: number }; problems: ParamProblem[]; cleanHref: string } {
  const paging = pagingSchema.parse({ page: first(raw.page), per_page: first(raw.per_page) });
  const keep: Record<string, string> = paging.per_page !== DEFAULT_HISTORY_PER_PAGE ? { per_page: String(paging.per_page) } : {};
  const { filters, problems, cleanHref } = readFilterParams(raw, "/notifications/history", FILTERS, keep);
  return { params: { page: paging.page, perPage: paging.per_page, ...(filters as HistoryFilters) }, problems, cleanHref };
}

export const hasFilters = (p: HistoryFilters): boolean => Boolean(p.policy_id || p.mechanism_type || p.status);
