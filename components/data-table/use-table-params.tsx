"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, use, useCallback, useTransition } from "react";

// The table's state lives in the URL (page, per_page, sort, order and filters): the page's server
// component reads it and fetches exactly one page. Every control changes the URL through this one
// transition, so the table can dim while the next page renders.

export type ParamUpdates = Record<string, string | number | null>;

interface TableParams {
  pending: boolean;
  /** Sets (or, with null, removes) search params; unless `keepPage`, goes back to page 1. */
  setParams: (updates: ParamUpdates, opts?: { keepPage?: boolean }) => void;
}

const TableParamsContext = createContext<TableParams | null>(null);

export function useTableParamsState(): TableParams {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const setParams = useCallback(
    (updates: ParamUpdates, opts: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(updates)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      if (!opts.keepPage && !("page" in updates)) next.delete("page");
      const qs = next.toString();
      startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
    },
    [router, pathname, searchParams],
  );
  return { pending, setParams };
}

export const TableParamsProvider = TableParamsContext;

export function useTableParams(): TableParams {
  const ctx = use(TableParamsContext);
  if (!ctx) throw new Error("useTableParams must be used inside <DataTable>");
  return ctx;
}
