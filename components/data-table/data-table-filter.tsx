"use client";

import { useSearchParams } from "next/navigation";
import { NativeSelect } from "@/components/ui/native-select";
import { useTableParams } from "./use-table-params";

/** A select bound to one URL param; the empty option removes the filter. */
export function DataTableSelectFilter({
  label,
  param,
  allLabel,
  options,
  className,
}: {
  label: string;
  param: string;
  allLabel: string;
  options: readonly { value: string; label: string }[];
  className?: string;
}) {
  const { setParams } = useTableParams();
  const current = useSearchParams().get(param) ?? "";
  const known = options.some((o) => o.value === current);
  return (
    <NativeSelect aria-label={label} value={current} onChange={(e) => setParams({ [param]: e.target.value || null })} className={className}>
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {current && !known ? <option value={current}>{current}</option> : null}
    </NativeSelect>
  );
}
