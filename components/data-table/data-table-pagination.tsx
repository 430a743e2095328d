"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

export function DataTablePagination({
  page,
  perPage,
  total,
  pageCount,
  perPageOptions,
  canPrevious,
  canNext,
  onPrevious,
  onNext,
  onPerPage,
}: {
  page: number;
  perPage: number;
  total: number;
  pageCount: number;
  perPageOptions: readonly number[];
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPerPage: (size: number) => void;
}) {
  const id = useId();
  const first = total === 0 ? 0 : Math.min((page - 1) * perPage + 1, total);
  const last = Math.min(page * perPage, total);
  const options = perPageOptions.includes(perPage) ? perPageOptions : [...perPageOptions, perPage].sort((a, b) => a - b);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-3 text-sm text-zinc-600">
      <p aria-live="polite">
        {total === 0 ? (
          "No results"
        ) : (
          <>
            Showing <span className="font-medium text-zinc-900">{first.toLocaleString("en-US")}</span>–
            <span className="font-medium text-zinc-900">{last.toLocaleString("en-US")}</span> of{" "}
            <span className="font-medium text-zinc-900">{total.toLocaleString("en-US")}</span>
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={id} className="whitespace-nowrap">
            Rows per page
          </label>
          <NativeSelect id={id} value={perPage} onChange={(e) => onPerPage(Number(e.target.value))} className="w-20 [&_select]:h-8">
            {options.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </NativeSelect>
        </div>
        <span className="whitespace-nowrap">
          Page {Math.min(page, Math.max(pageCount, 1))} of {Math.max(pageCount, 1)}
        </span>
        <div className="flex items-center gap-1">
          <Button variant="secondary" size="icon" aria-label="Previous page" disabled={!canPrevious} onClick={onPrevious}>
            <ChevronLeft className="size-4" aria-hidden />
          </Button>
          <Button variant="secondary" size="icon" aria-label="Next page" disabled={!canNext} onClick={onNext}>
            <ChevronRight className="size-4" aria-hidden />
          </Button>
        </div>
      </div>
    </nav>
  );
}
