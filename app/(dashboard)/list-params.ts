import { redirect } from "next/navigation";
import { z } from "zod";
import { searchParamProblem } from "@/lib/input/list";
import { isUuid } from "@/lib/input/uuid";

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

/**
 * A paged list sorted by one of `columns` (?sort, ?order): newest first (`defaultSort`, descending)
 * by default; a chosen column starts ascending unless the URL says otherwise.
 */
export function parseSortedListParams<C extends string>(
  raw: RawParams,
  perPageOptions: readonly number[],
  defaultPerPage: number,
  columns: readonly [C, ...C[]],
  defaultSort: C,
) {
  const p = z
    .object({
      ...pageParamFields(perPageOptions, defaultPerPage),
      sort: z.enum(columns).optional().catch(undefined),
      order: z.enum(["asc", "desc"]).optional().catch(undefined),
    })
    .parse({ page: first(raw.page), per_page: first(raw.per_page), sort: first(raw.sort), order: first(raw.order) });
  const sort: C = (p.sort as C | undefined) ?? defaultSort;
  const order = p.order ?? (p.sort ? "asc" : "desc");
  return { page: p.page, perPage: p.per_page, sort, order, ...parseSearchParam(raw.q) };
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

/** A filter of the URL that could not be read: its parameter, the page's word for it, what is wrong. */
export interface ParamProblem {
  param: string;
  label: string;
  problem: string;
}

export type FilterCheck = (value: string) => { ok: true; value: string } | { ok: false; problem: string };

/** A filter that takes an id (read lowercase); `what` completes "is not …". */
export const uuidFilter =
  (what: string): FilterCheck =>
  (value) =>
    isUuid(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, problem: `is not ${what}` };

/** A filter that takes one of `values`; `problem` says which when it is not. */
export const oneOfFilter =
  (values: readonly string[], problem: string): FilterCheck =>
  (value) =>
    values.includes(value) ? { ok: true, value } : { ok: false, problem };

/** Longer than any id or choice a filter takes. */
const MAX_FILTER_VALUE = 64;

/**
 * The filters of a log's URL (Logs › Authentication, Notifications › History), each read by its
 * check. A filter the page cannot read is not silently dropped (the page would then show more than
 * the link promised): it becomes a problem that names the parameter, never its value (which may be
 * 10 KB long or hold a NUL). `cleanHref` is `path` with the readable filters alone.
 */
export function readFilterParams<P extends string>(
  raw: RawParams,
  path: string,
  filters: Record<P, { label: string; check: FilterCheck }>,
  keep: Record<string, string> = {},
): { filters: Partial<Record<P, string>>; problems: ParamProblem[]; cleanHref: string } {
  const read: Partial<Record<P, string>> = {};
  const problems: ParamProblem[] = [];
  for (const param of Object.keys(filters) as P[]) {
    const value = first(raw[param]);
    if (value === undefined || value === "") continue;
    const { label, check } = filters[param];
    const result: ReturnType<FilterCheck> = value.length > MAX_FILTER_VALUE ? { ok: false, problem: "is too long" } : check(value);
    if (result.ok) read[param] = result.value;
    else problems.push({ param, label, problem: result.problem });
  }
  const clean = new URLSearchParams({ ...(read as Record<string, string>), ...keep });
  return { filters: read, problems, cleanHref: `${path}${clean.size ? `?${clean}` : ""}` };
}
