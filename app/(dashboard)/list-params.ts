import { redirect } from "next/navigation";
import { z } from "zod";
import { searchParamProblem } from "@/lib/input/list";

// The URL of a dashboard list: ?page, per_page and q, shared by every list page (each adds its
// own sort or filters), and the redirect past the last page. Anything unreadable falls back to the
// default rather than failing, so a hand-edited URL still shows the list; a search the domain would
// refuse (a NUL, an unpaired surrogate, over 255 characters: the API's rule) is not sent to it, and
// the page says why (searchProblem; the search box and the table's "no results" say it too).

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

/** ?q, the search box, trimmed ("" when absent), or why the domain would refuse it (then q is ""). */
export function parseSearchParam(value: string | string[] | undefined): { q: string; searchProblem: string | null } {
  const q = (first(value) ?? "").trim();
  const searchProblem = searchParamProblem(q);
  return searchProblem ? { q: "", searchProblem } : { q, searchProblem: null };
}

/** A paged list without sorting (Applications, Policies, API Tokens). */
export function parsePagedListParams(raw: RawParams, perPageOptions: readonly number[], defaultPerPage: number) {
  const p = z.object(pageParamFields(perPageOptions, defaultPerPage)).parse({ page: first(raw.page), per_page: first(raw.per_page) });
  return { page: p.page, perPage: p.per_page, ...parseSearchParam(raw.q) };
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
