"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError, FieldHint } from "@/components/ui/field";
import { ChoiceCard } from "./choice-card";

export interface CheckboxOption {
  value: string;
  label: string;
  /** A second line under the label. */
  hint?: string;
}

/** A labelled group of checkboxes drawn as ChoiceCards; `selected` keeps the options' order. */
export function CheckboxListField({
  legend,
  optional = false,
  options,
  selected,
  onChange,
  error,
  hint,
  className,
}: {
  legend: string;
  /** Says "(optional)" after the legend. */
  optional?: boolean;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  error?: string;
  hint?: React.ReactNode;
  /** The options' layout: a column by default. */
  className?: string;
}) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    onChange(options.map((o) => o.value).filter((v) => (v === value ? on : selected.includes(v))));
  return (
    <fieldset className="grid min-w-0 gap-1.5" aria-describedby={error || hint ? `${id}-note` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">
        {legend}
        {optional ? <span className="font-normal text-zinc-500"> (optional)</span> : null}
      </legend>
      <div className={cn("grid min-w-0 gap-1.5", className)}>
        {options.map((option, i) => (
          <ChoiceCard
            key={option.value}
            type="checkbox"
            aria-label={option.label}
            aria-describedby={option.hint ? `${id}-${i}-hint` : undefined}
            checked={selected.includes(option.value)}
            onCheckedChange={(on) => toggle(option.value, on)}
            className="min-w-0 py-2"
          >
            <span className="grid min-w-0">
              <span className="truncate text-sm font-medium text-zinc-900" title={option.label}>
                {option.label}
              </span>
              {option.hint ? (
                <span id={`${id}-${i}-hint`} className="truncate text-xs text-zinc-500" title={option.hint}>
                  {option.hint}
                </span>
              ) : null}
            </span>
          </ChoiceCard>
        ))}
      </div>
      {error ? <FieldError id={`${id}-note`}>{error}</FieldError> : hint ? <FieldHint id={`${id}-note`}>{hint}</FieldHint> : null}
    </fieldset>
  );
}
