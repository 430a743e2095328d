import { SORT_COLUMNS } from "@/lib/service-tokens/schemas";
import { DEFAULT_SERVICE_TOKENS_PER_PAGE, SERVICE_TOKENS_PER_PAGE } from "@/components/service-tokens/list-options";
import { parseSortedListParams, type RawParams } from "../list-params";

// The list's URL (?page, per_page, sort, order, q). Anything unreadable falls back to the default
// rather than failing: a hand-edited URL still shows the list (a refused search: list-params.ts).

export function parseListParams(raw: RawParams) {
  return parseSortedListParams(raw, SERVICE_TOKENS_PER_PAGE, DEFAULT_SERVICE_TOKENS_PER_PAGE, SORT_COLUMNS, "createdAt");
}
