"use client";

import { KeyRound, X } from "lucide-react";
import { useTableParams } from "@/components/data-table/use-table-params";

/**
 * The `?token=` filter, set by the "View all" link of a token's page (the account may have too
 * many tokens for a select): shown as a chip that removes it.
 */
export function TokenFilterChip({ id, name }: { id: string; name: string | null }) {
  const { setParams } = useTableParams();
  const label = name ?? `Deleted token ${id}`;
  return (
    <span
      role="group"
      aria-label="Filtered by service token"
      className="inline-flex h-9 max-w-full min-w-0 items-center gap-1.5 rounded-md border border-blue-200 bg-blue-50 pr-1 pl-2.5 text-[13px] text-blue-900"
    >
      <KeyRound className="size-3.5 shrink-0 text-blue-600" aria-hidden />
      <span className="hidden shrink-0 text-blue-700 sm:inline">Service token:</span>
      <span className="max-w-[16rem] truncate font-medium" title={label}>
        {label}
      </span>
      <button
        type="button"
        aria-label="Remove the service token filter"
        onClick={() => setParams({ token: null })}
        className="flex size-6 shrink-0 items-center justify-center rounded text-blue-600 outline-none hover:bg-blue-100 hover:text-blue-900 focus-visible:ring-2 focus-visible:ring-blue-500"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </span>
  );
}
