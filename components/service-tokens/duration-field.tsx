"use client";

import { useId, useState } from "react";
import { DEFAULT_DURATION, durationProblem } from "@/lib/service-tokens/duration";
import { DURATION_CHOICES } from "@/lib/service-tokens/schemas";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

const UNCHANGED = "unchanged";
const CUSTOM = "custom";

export interface DurationState {
  choice: string;
  setChoice: (choice: string) => void;
  custom: string;
  setCustom: (custom: string) => void;
  /** The Go duration to send; undefined when left unchanged. */
  duration: string | undefined;
  /** Why the custom duration is not valid (a sentence for the form), or null. */
  problem: string | null;
}

/** `allowUnchanged` starts on "Leave unchanged" (the edit dialog); otherwise on 1 year. */
export function useDurationState({ allowUnchanged = false } = {}): DurationState {
  const [choice, setChoice] = useState<string>(allowUnchanged ? UNCHANGED : DEFAULT_DURATION);
  const [custom, setCustom] = useState("");
  const term = custom.trim();
  const isCustom = choice === CUSTOM;
  const duration = choice === UNCHANGED ? undefined : isCustom ? term : choice;
  let problem: string | null = null;
  if (isCustom) problem = term === "" ? "Enter a duration." : describeProblem(durationProblem(term));
  return { choice, setChoice, custom, setCustom, duration, problem };
}

/** durationProblem()'s reason as a sentence, without the format hint the field shows anyway. */
export function describeProblem(reason: string | null): string | null {
  if (reason === null) return null;
  const short = reason.split("; expected")[0];
  return /^(must|is) /.test(short) ? `Duration ${short}.` : `${short[0].toUpperCase()}${short.slice(1)}.`;
}

export function DurationField({
  label,
  state,
  allowUnchanged = false,
  currentDuration,
  serverError,
  showEmptyError,
}: {
  label: string;
  state: DurationState;
  allowUnchanged?: boolean;
  /** Marks the token's current duration in the list. */
  currentDuration?: string;
  serverError?: string;
  /** Show "Enter a duration" only after a submit attempt, not while the field is still empty. */
  showEmptyError: boolean;
}) {
  const selectId = useId();
  const customId = useId();
  const errorId = useId();
  const hintId = useId();
  const showProblem = state.problem !== null && (state.custom.trim() !== "" || showEmptyError);
  const error = showProblem ? state.problem! : serverError;
  return (
    <div className="grid gap-3">
      <Field>
        <Label htmlFor={selectId}>{label}</Label>
        <NativeSelect id={selectId} value={state.choice} onChange={(e) => state.setChoice(e.target.value)}>
          {allowUnchanged ? <option value={UNCHANGED}>Leave unchanged</option> : null}
          {DURATION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
              {currentDuration === c.value ? " (current)" : ""}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </NativeSelect>
      </Field>
      {state.choice === CUSTOM ? (
        <Field>
          <Label htmlFor={customId}>Custom duration</Label>
          <Input
            id={customId}
            value={state.custom}
            onChange={(e) => state.setCustom(e.target.value)}
            placeholder="e.g. 720h or 2h45m"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            maxLength={64}
            className="font-mono"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${error ? errorId : ""} ${hintId}`.trim()}
          />
          <FieldError id={errorId}>{error}</FieldError>
          <FieldHint id={hintId}>A Go duration with units h, m or s, such as 8760h, 2h45m or 1.5h; from 1s to 876000h.</FieldHint>
        </Field>
      ) : serverError ? (
        <FieldError>{serverError}</FieldError>
      ) : null}
    </div>
  );
}
