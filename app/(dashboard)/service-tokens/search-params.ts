import { TOKEN_FILTERS, type TokenFilter } from "@/lib/service-tokens/filters";
import { SORT_COLUMNS } from "@/lib/service-tokens/schemas";
import { DEFAULT_SERVICE_TOKENS_PER_PAGE, SERVICE_TOKENS_PER_PAGE } from "@/components/service-tokens/list-options";
import { oneOfFilter, parseSortedListParams, readFilterParams, type RawParams } from "../list-params";

// The list's URL (?page, per_page, sort, order, q, status). Paging and sorting fall back to the
// default rather than failing: a hand-edited URL still shows the list (a refused search:
// list-params.ts). A ?status= the list cannot read is named on the page (readFilterParams), since
// the whole list would show more than the link promised.

const FILTERS = { status: { label: "Status", check: oneOfFilter(TOKEN_FILTERS, "is not one of the list's filters") } };

export function parseListParams(raw: RawParams) {
  const list = parseSortedListParams(raw, SERVICE_TOKENS_PER_PAGE, DEFAULT_SERVICE_TOKENS_PER_PAGE, SORT_COLUMNS, "createdAt");
  // What the link that drops an unreadable filter keeps: the rest of the URL as the list read it.
  const keep: Record<string, string> = {
    ...(list.q ? { q: list.q } : {}),
    ...(list.sort !== "createdAt" || list.order !== "desc" ? { sort: list.sort, order: list.order } : {}),
    ...(list.perPage !== DEFAULT_SERVICE_TOKENS_PER_PAGE ? { per_page: String(list.perPage) } : {}),
  };
  const { filters, problems, cleanHref } = readFilterParams(raw, "/service-tokens", FILTERS, keep);
  return { ...list, status: filters.status as TokenFilter | undefined, problems, cleanHref };
}
