import { z } from "zod";
import { SORT_COLUMNS } from "@/lib/service-tokens/schemas";
import { DEFAULT_SERVICE_TOKENS_PER_PAGE, SERVICE_TOKENS_PER_PAGE } from "@/components/service-tokens/list-options";
import { first, pageParamFields, parseSearchParam, type RawParams } from "../list-params";

// The list's URL (?page, per_page, sort, order, q). Anything unreadable falls back to the default
// rather than failing: a hand-edited URL still shows the list (a refused search: list-params.ts).

const schema = z.object({
  ...pageParamFields(SERVICE_TOKENS_PER_PAGE, DEFAULT_SERVICE_TOKENS_PER_PAGE),
  sort: z.enum(SORT_COLUMNS).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

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
  return { page: p.page, perPage: p.per_page, sort, order, ...parseSearchParam(raw.q) };
}
