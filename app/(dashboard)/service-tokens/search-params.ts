import { z } from "zod";
import { TOKEN_FILTERS, type TokenFilter } from "@/lib/service-tokens/filters";
import { SORT_COLUMNS } from "@/lib/service-tokens/schemas";
import { DEFAULT_SERVICE_TOKENS_PER_PAGE, SERVICE_TOKENS_PER_PAGE } from "@/components/service-tokens/list-options";
import { first, oneOfFilter, pageParamFields, parseSearchParam, readFilterParams, type RawParams } from "../list-params";

// The list's URL (?page, per_page, sort, order, q, status). Paging and sorting fall back to the
// default rather than failing: a hand-edited URL still shows the list (a refused search:
// list-params.ts). A ?status= the list cannot read is named on the page (readFilterParams), since
// the whole list would show more than the link promised.

const schema = z.object({
  ...pageParamFields(SERVICE_TOKENS_PER_PAGE, DEFAULT_SERVICE_TOKENS_PER_PAGE),
  sort: z.enum(SORT_COLUMNS).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

const FILTERS = { status: { label: "Status", check: oneOfFilter(TOKEN_FILTERS, "is not one of the list's filters") } };

export function parseListParams(raw: RawParams) {
  const p = schema.parse({
    page: first(raw.page),
    per_page: first(raw.per_page),
    sort: first(raw.sort),
    order: first(raw.order),
  });
  // Newest first by default; a chosen column starts ascending unless the URL says otherwise.
  const sort = p.sort ?? "createdAt";
  const order = p.order ?? (p.sort ? "asc" : "desc");
  const search = parseSearchParam(raw.q);
  const keep: Record<string, string> = {
    ...(search.q ? { q: search.q } : {}),
    ...(p.sort ? { sort: p.sort } : {}),
    ...(p.order ? { order: p.order } : {}),
    ...(p.per_page !== DEFAULT_SERVICE_TOKENS_PER_PAGE ? { per_page: String(p.per_page) } : {}),
  };
  const { filters, problems, cleanHref } = readFilterParams(raw, "/service-tokens", FILTERS, keep);
  return { page: p.page, perPage: p.per_page, sort, order, ...search, status: filters.status as TokenFilter | undefined, problems, cleanHref };
}
