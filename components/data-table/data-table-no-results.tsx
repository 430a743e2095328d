"use client";

import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useTableParams, type ParamUpdates } from "./use-table-params";

/** The body of a table whose search or filters matched nothing, with a way back. */
export function DataTableNoResults({ title, description, reset }: { title: string; description?: string; reset?: { label: string; params: ParamUpdates } }) {
  const { setParams } = useTableParams();
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
      <SearchX className="size-8 text-zinc-300" aria-hidden />
      <p className="text-sm font-medium text-zinc-900">{title}</p>
      {description ? <p className="max-w-md text-sm text-zinc-500">{description}</p> : null}
      {reset ? (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => setParams(reset.params)}>
          {reset.label}
        </Button>
      ) : null}
    </div>
  );
}
