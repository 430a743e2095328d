"use client";

import { useId } from "react";
import { FieldError, FieldHint } from "@/components/ui/field";
import { ChoiceCard } from "./choice-card";

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  /** A second line under the label. */
  hint?: string;
}

/** A labelled group of radio buttons drawn as ChoiceCards: one of `options`. */
export function RadioListField<V extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  autoFocus = false,
}: {
  legend: string;
  options: readonly RadioOption<V>[];
  value: V | null;
  onChange: (next: V) => void;
  error?: string;
  hint?: React.ReactNode;
  /** Focuses the chosen option when the field mounts (a dialog whose first field this is). */
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className="grid min-w-0 gap-1.5" aria-describedby={error || hint ? `${id}-note` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">{legend}</legend>
      {options.map((option, i) => (
        <ChoiceCard
          key={option.value}
          type="radio"
          name={id}
          value={option.value}
          aria-label={option.label}
          aria-describedby={option.hint ? `${id}-${i}-hint` : undefined}
          aria-invalid={error ? true : undefined}
          checked={value === option.value}
          autoFocus={autoFocus && value === option.value}
          onCheckedChange={() => onChange(option.value)}
          className="min-w-0 py-2"
        >
          <span className="grid min-w-0">
            <span className="text-sm font-medium text-zinc-900">{option.label}</span>
            {option.hint ? (
              <span id={`${id}-${i}-hint`} className="text-xs text-zinc-500">
                {option.hint}
              </span>
            ) : null}
          </span>
        </ChoiceCard>
      ))}
      {error ? <FieldError id={`${id}-note`}>{error}</FieldError> : hint ? <FieldHint id={`${id}-note`}>{hint}</FieldHint> : null}
    </fieldset>
  );
}
