import { z } from "zod";
import { shortTextSchema } from "./text";

// The query of a paged list: which page, how many rows, and the search box. Pure.

/** `page` (from 1) and `perPage` (1 to `maxPerPage`, `defaultPerPage` by default) of a list query. */
export function pageFields(maxPerPage = 1000, defaultPerPage = 50) {
  return {
    page: z.coerce.number().int().min(1).default(1),
    perPage: z.coerce.number().int().min(1).max(maxPerPage).default(defaultPerPage),
  };
}

/** Prisma's `skip` and `take` for a page. */
export function pageWindow(q: { page: number; perPage: number }): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.perPage, take: q.perPage };
}

/** A list's search box: a case-insensitive substring, trimmed. */
export const searchSchema = z.string({ error: "must be a string" }).trim().pipe(shortTextSchema);

/**
 * Why a search box's term (trimmed) would be refused, in words for the page ("Search must not
 * contain NUL characters or unpaired surrogates"), or null: the dashboard checks what it sends (and
 * what a URL holds) with the API's rule.
 */
export function searchParamProblem(term: string): string | null {
  const parsed = searchSchema.safeParse(term);
  return parsed.success ? null : `Search ${parsed.error.issues[0].message}`;
}

/**
 * A search term for Prisma `contains`, which hands the term to LIKE: `%` and `_` would be
 * wildcards and `\` the escape character. Escaped, each stands for itself.
 */
export function likePattern(search: string): string {
  return search.replace(/[\\%_]/g, (c) => `\\${c}`);
}
