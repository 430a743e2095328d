import { redirect } from "next/navigation";
import { z } from "zod";

// The URL of a dashboard list: ?page, per_page and q, shared by every list page (each adds its
// own sort or filters), and the redirect past the last page. Anything unreadable falls back to the
// default rather than failing, so a hand-edited URL still shows the list.

export type RawParams = Record<string, string | string[] | undefined>;

/** The first value of a repeated parameter. */
export const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** ?page (from 1) and ?per_page (one of the sizes the table offers). */
export function pageParamFields(perPageOptions: readonly number[], defaultPerPage: number) {
  return {
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    per_page: z.coerce
      .number()
      .int()
      .refine((n) => perPageOptions.includes(n))
      .catch(defaultPerPage),
  };
}

/** ?q, the search box: trimmed and cut to 255 characters; "" when absent. */
export const searchParamSchema = z
  .string()
  .transform((s) => s.trim().slice(0, 255))
  .catch("");

/** A paged list without sorting (Applications, Policies, API Tokens). */
export function parsePagedListParams(raw: RawParams, perPageOptions: readonly number[], defaultPerPage: number) {
  const schema = z.object({ ...pageParamFields(perPageOptions, defaultPerPage), q: searchParamSchema });
  const p = schema.parse({ page: first(raw.page), per_page: first(raw.per_page), q: first(raw.q) ?? "" });
  return { page: p.page, perPage: p.per_page, q: p.q };
}

/** Past the last page (after deletes, or a stale link): redirects to the last page instead of showing nothing. */
export function redirectPastLastPage(path: string, raw: RawParams, list: { items: unknown[]; total: number; page: number; perPage: number }): void {
  const lastPage = Math.max(1, Math.ceil(list.total / list.perPage));
  if (list.items.length > 0 || list.page <= lastPage) return;
  const query = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  if (lastPage === 1) query.delete("page");
  else query.set("page", String(lastPage));
  redirect(`${path}${query.size ? `?${query}` : ""}`);
}
