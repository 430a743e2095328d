import { redirect } from "next/navigation";
import { z } from "zod";

// The URL of a paged list without sorting (?page, per_page, q): Applications, Policies and API
// Tokens; redirectPastLastPage serves every paged list. Anything unreadable falls back to the
// default rather than failing, so a hand-edited URL still shows the list.

export type RawParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parsePagedListParams(raw: RawParams, perPageOptions: readonly number[], defaultPerPage: number) {
  const schema = z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    per_page: z.coerce
      .number()
      .int()
      .refine((n) => perPageOptions.includes(n))
      .catch(defaultPerPage),
    q: z
      .string()
      .transform((s) => s.trim().slice(0, 255))
      .catch(""),
  });
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
