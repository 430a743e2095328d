"use client";

import { Search, X } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { searchParamProblem } from "@/lib/input/list";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/field";
import { inputClasses } from "@/components/ui/input";
import { useTableParams } from "./use-table-params";

const DEBOUNCE_MS = 300;

/**
 * A search box bound to one URL param (default `q`), debounced; Enter searches at once. A term the
 * server would refuse (the API's rule: a NUL, an unpaired surrogate, over 255 characters), typed,
 * pasted or in the URL, is said under the box and not searched for.
 */
export function DataTableSearch({ label, placeholder, param = "q", className }: { label: string; placeholder: string; param?: string; className?: string }) {
  const { setParams } = useTableParams();
  const errorId = useId();
  const current = useSearchParams().get(param) ?? "";
  const [value, setValue] = useState(current);
  const lastSent = useRef(current);
  const problem = searchParamProblem(value.trim());

  function searchNow(term: string) {
    if (term === lastSent.current || searchParamProblem(term)) return;
    lastSent.current = term;
    setParams({ [param]: term || null });
  }
  const sendLater = useEffectEvent(searchNow);

  // The URL changed without us (back/forward, a link): show what it says.
  useEffect(() => {
    if (current !== lastSent.current) {
      lastSent.current = current;
      setValue(current);
    }
  }, [current]);

  useEffect(() => {
    const term = value.trim();
    if (term === lastSent.current) return;
    const t = setTimeout(() => sendLater(term), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [value]);

  return (
    <form
      role="search"
      className={cn("relative w-full max-w-sm", className)}
      onSubmit={(e) => {
        e.preventDefault();
        searchNow(value.trim());
      }}
    >
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
        <input
          type="search"
          aria-label={label}
          placeholder={placeholder}
          value={value}
          maxLength={255}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && value) {
              e.preventDefault();
              setValue("");
              searchNow("");
            }
          }}
          className={cn(inputClasses, "pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden")}
        />
        {value ? (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              setValue("");
              searchNow("");
            }}
            className="absolute top-1/2 right-2 flex size-6 -translate-y-1/2 items-center justify-center rounded text-zinc-400 outline-none hover:bg-zinc-100 hover:text-zinc-700 focus-visible:ring-2 focus-visible:ring-blue-500"
          >
            <X className="size-3.5" aria-hidden />
          </button>
        ) : null}
      </div>
      <FieldError id={errorId} role="alert" className="mt-1">
        {problem}
      </FieldError>
    </form>
  );
}
