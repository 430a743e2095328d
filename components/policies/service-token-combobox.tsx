"use client";

import { Check, ChevronsUpDown, Search } from "lucide-react";
import { Popover as PopoverPrimitive } from "radix-ui";
import { useId, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClasses } from "@/components/ui/input";
import type { ServiceTokenOption } from "./types";

/** How many matches the list shows at once; typing narrows it. */
const MAX_SHOWN = 50;

/**
 * A searchable select of the account's service tokens (by name or Client ID). The trigger is a
 * combobox button named by `label`; the list is a listbox driven from the search box with the
 * arrow keys and Enter.
 */
export function ServiceTokenCombobox({
  label,
  options,
  value,
  onChange,
  invalid,
}: {
  label: string;
  options: ServiceTokenOption[];
  /** A token id, or "" for none. */
  value: string;
  onChange: (id: string) => void;
  invalid?: boolean;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const selected = options.find((o) => o.id === value);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const found = q ? options.filter((o) => o.name.toLowerCase().includes(q) || o.clientId.includes(q)) : options;
    return found.slice(0, MAX_SHOWN);
  }, [options, query]);

  function choose(option: ServiceTokenOption) {
    onChange(option.id);
    setOpen(false);
  }

  return (
    <PopoverPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setQuery("");
          setActive(0);
        }
      }}
    >
      <PopoverPrimitive.Trigger asChild>
        <button
          type="button"
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-invalid={invalid ? true : undefined}
          className={cn(inputClasses, "flex cursor-pointer items-center justify-between gap-2 text-left")}
        >
          {selected ? (
            <span className="flex min-w-0 items-baseline gap-2">
              <span className="truncate">{selected.name}</span>
              <span className="truncate font-mono text-xs text-zinc-500">{selected.clientId}</span>
            </span>
          ) : value ? (
            <span className="truncate text-zinc-500">Deleted token ({value.slice(0, 8)}…)</span>
          ) : (
            <span className="text-zinc-400">Choose a service token</span>
          )}
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-500" aria-hidden />
        </button>
      </PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          align="start"
          sideOffset={4}
          className="z-50 w-[var(--radix-popover-trigger-width)] min-w-72 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg outline-none data-[state=open]:animate-fade-in"
        >
          <div className="relative border-b border-zinc-100 p-1.5">
            <Search className="pointer-events-none absolute top-1/2 left-4 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
            <input
              type="search"
              aria-label="Search service tokens"
              aria-controls={listId}
              aria-activedescendant={matches[active] ? `${listId}-${matches[active].id}` : undefined}
              placeholder="Search by name or Client ID"
              value={query}
              autoFocus
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((i) => Math.min(i + 1, matches.length - 1));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((i) => Math.max(i - 1, 0));
                } else if (e.key === "Enter") {
                  e.preventDefault();
                  if (matches[active]) choose(matches[active]);
                }
              }}
              className={cn(inputClasses, "h-8 border-0 pl-8 shadow-none focus-visible:ring-0 [&::-webkit-search-cancel-button]:hidden")}
            />
          </div>
          <ul id={listId} role="listbox" aria-label="Service tokens" className="max-h-64 overflow-y-auto p-1">
            {matches.length === 0 ? (
              <li className="px-2.5 py-6 text-center text-sm text-zinc-500">{options.length === 0 ? "This account has no service tokens." : "No token matches."}</li>
            ) : (
              matches.map((o, i) => (
                <li
                  key={o.id}
                  id={`${listId}-${o.id}`}
                  role="option"
                  aria-selected={o.id === value}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(o)}
                  className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm", i === active ? "bg-zinc-100 text-zinc-900" : "text-zinc-700")}
                >
                  <Check className={cn("size-4 shrink-0 text-blue-600", o.id !== value && "invisible")} aria-hidden />
                  <span className="grid min-w-0">
                    <span className="truncate">{o.name}</span>
                    <span className="truncate font-mono text-xs text-zinc-500">{o.clientId}</span>
                  </span>
                </li>
              ))
            )}
          </ul>
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}
