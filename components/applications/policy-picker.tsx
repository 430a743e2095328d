"use client";

import { ArrowDown, ArrowUp, Plus, X, type LucideIcon } from "lucide-react";
import { useId, useState } from "react";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DecisionBadge } from "@/components/policies/decision-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError, FieldHint } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { PolicyOption } from "./types";

// The application's policies in evaluation order: add existing reusable policies, move them up and
// down, remove them. The order is the precedence sent to the server (1 = evaluated first).

/** A small icon button of an attached policy's row (move it, remove it). */
function RowButton({ label, icon: Icon, danger = false, ...props }: { label: string; icon: LucideIcon; danger?: boolean; disabled?: boolean; onClick: () => void }) {
  return (
    <Button type="button" variant="ghost" size="icon" className={cn("size-7 text-zinc-500", danger && "hover:bg-red-50 hover:text-red-600")} aria-label={label} {...props}>
      <Icon className="size-3.5" aria-hidden />
    </Button>
  );
}

export function PolicyPicker({
  options,
  selected,
  onChange,
  error,
}: {
  /** Every reusable policy of the account. */
  options: PolicyOption[];
  /** Attached policies, first evaluated first. */
  selected: PolicyOption[];
  onChange: (next: PolicyOption[]) => void;
  error?: string;
}) {
  const selectId = useId();
  const available = options.filter((o) => !selected.some((s) => s.id === o.id));
  const [toAdd, setToAdd] = useState("");
  const chosen = available.find((o) => o.id === toAdd) ?? available[0];

  const move = (from: number, to: number) => {
    const next = [...selected];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };

  return (
    <div className="grid min-w-0 grid-cols-1 gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium text-zinc-800" id={`${selectId}-heading`}>
          {FIELD_LABELS.policies}
        </span>
        <span className="text-xs text-zinc-500">Evaluated in this order: the first that matches decides.</span>
      </div>
      {selected.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-500">
          No policies yet. Without a policy that admits them, every request to this application is refused.
        </p>
      ) : (
        <ol aria-labelledby={`${selectId}-heading`} className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {selected.map((p, i) => (
            <li key={p.id} className="flex items-center gap-3 px-3 py-2">
              <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600" aria-label={`Precedence ${i + 1}`}>
                {i + 1}
              </span>
              <span className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900" title={p.name}>
                {p.name}
              </span>
              <DecisionBadge decision={p.decision} />
              <div className="flex items-center">
                <RowButton label={`Move ${p.name} up`} icon={ArrowUp} disabled={i === 0} onClick={() => move(i, i - 1)} />
                <RowButton label={`Move ${p.name} down`} icon={ArrowDown} disabled={i === selected.length - 1} onClick={() => move(i, i + 1)} />
                <RowButton label={`Remove ${p.name}`} icon={X} danger onClick={() => onChange(selected.filter((s) => s.id !== p.id))} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {options.length === 0 ? (
        <FieldHint>There are no reusable policies yet. Create one on the Policies page, then add it here.</FieldHint>
      ) : available.length > 0 ? (
        <div className="flex items-end gap-2">
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor={selectId} className="sr-only">
              Policy to add
            </Label>
            <NativeSelect id={selectId} value={chosen?.id ?? ""} onChange={(e) => setToAdd(e.target.value)}>
              {available.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              if (!chosen) return;
              onChange([...selected, chosen]);
              setToAdd("");
            }}
          >
            <Plus className="size-4" aria-hidden />
            Add policy
          </Button>
        </div>
      ) : (
        <FieldHint>Every reusable policy is attached.</FieldHint>
      )}
      <FieldError>{error}</FieldError>
    </div>
  );
}
