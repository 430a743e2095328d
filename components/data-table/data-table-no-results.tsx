"use client";

import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useTableParams, type ParamUpdates } from "./use-table-params";

/** What a table says when its page has no rows, and the way back. */
export interface NoResults {
  /** "No service tokens on this page": the page lies past the last one (after deletes, or a stale link). */
  page: string;
  /** When a search or filters are applied: what matched nothing, and the params that clear them. */
  filtered?: { title: string; description: string; resetLabel: string; reset: ParamUpdates } | null;
}

/**
 * The `filtered` state of a table whose only filter is its search box (`q`); with `searchProblem`
 * (the page refused the search in the URL: list-params.ts), what was wrong with it.
 */
export function searchNoResults(search: string, description: string, searchProblem: string | null = null): NoResults["filtered"] {
  if (searchProblem) return refusedSearch(searchProblem);
  return search ? { title: `No results for “${search}”`, description, resetLabel: "Reset search", reset: { q: null } } : null;
}

/** The `filtered` state of a table whose search the page refused: what was wrong, and the way back. */
export function refusedSearch(searchProblem: string): NonNullable<NoResults["filtered"]> {
  return { title: `${searchProblem}.`, description: "Change the search, or reset it to see every row.", resetLabel: "Reset search", reset: { q: null } };
}

/** The `filtered` state of a table with filters: `reset` clears every one of them. */
export function filtersNoResults(filtered: boolean, title: string, description: string, reset: ParamUpdates): NoResults["filtered"] {
  return filtered ? { title, description, resetLabel: "Reset filters", reset } : null;
}

const FIRST_PAGE: ParamUpdates = { page: null };

/** The body of a table whose page has no rows. */
export function DataTableNoResults({ page, filtered }: NoResults) {
  const { setParams } = useTableParams();
  const title = filtered ? filtered.title : page;
  const reset = filtered ? { label: filtered.resetLabel, params: filtered.reset } : { label: "Go to the first page", params: FIRST_PAGE };
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
      <SearchX className="size-8 text-zinc-300" aria-hidden />
      <p className="text-sm font-medium text-zinc-900">{title}</p>
      {filtered ? <p className="max-w-md text-sm text-zinc-500">{filtered.description}</p> : null}
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => setParams(reset.params)}>
        {reset.label}
      </Button>
    </div>
  );
}
