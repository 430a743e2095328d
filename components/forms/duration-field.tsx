"use client";

import { useId, useState } from "react";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { DurationKind } from "./duration-kind";

const CUSTOM = "custom";
/** The option that sends no duration ("Leave unchanged", "Same as the application"). */
const NONE = "";

export interface DurationState {
  kind: DurationKind;
  choice: string;
  setChoice: (choice: string) => void;
  custom: string;
  setCustom: (custom: string) => void;
  /** The Go duration to send, or null for the option that sends none. */
  value: string | null;
  /** Why the custom duration is not valid (a sentence for the form), or null. */
  problem: string | null;
}

/** A domain reason as a sentence, without the format hint the field shows anyway. */
function asSentence(noun: string, reason: string): string {
  const short = reason.split("; expected")[0];
  return /^(must|is) /.test(short) ? `${noun} ${short}.` : `${short[0].toUpperCase()}${short.slice(1)}.`;
}

/** Starts on `initial`: a preset, a custom duration, or null for the option that sends none. */
export function useDurationState(kind: DurationKind, initial: string | null): DurationState {
  const preset = initial === null || kind.choices.some((c) => c.value === initial);
  const [choice, setChoice] = useState<string>(initial === null ? NONE : preset ? initial : CUSTOM);
  const [custom, setCustom] = useState(preset ? "" : (initial ?? ""));
  const term = custom.trim();
  const value = choice === NONE ? null : choice === CUSTOM ? term : choice;
  let problem: string | null = null;
  if (choice === CUSTOM) {
    const reason = term === "" ? "Enter a duration" : kind.problem(term);
    if (reason) problem = asSentence(kind.noun, reason);
  }
  return { kind, choice, setChoice, custom, setCustom, value, problem };
}

export function DurationField({
  label,
  state,
  none,
  hint,
  currentDuration,
  serverError,
  showEmptyError,
}: {
  label: string;
  state: DurationState;
  /** The label of a first option that sends no duration; omitted, there is none. */
  none?: string;
  hint?: string;
  /** Marks this preset "(current)". */
  currentDuration?: string;
  serverError?: string;
  /** Show "Enter a duration" only after a submit attempt, not while the field is still empty. */
  showEmptyError: boolean;
}) {
  const selectId = useId();
  const customId = useId();
  const errorId = useId();
  const hintId = useId();
  const { kind } = state;
  const isCustom = state.choice === CUSTOM;
  const showProblem = state.problem !== null && (state.custom.trim() !== "" || showEmptyError);
  const error = showProblem ? state.problem! : serverError;
  return (
    <div className="grid gap-3">
      <Field>
        <Label htmlFor={selectId}>{label}</Label>
        <NativeSelect id={selectId} value={state.choice} onChange={(e) => state.setChoice(e.target.value)}>
          {none ? <option value={NONE}>{none}</option> : null}
          {kind.choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
              {currentDuration === c.value ? " (current)" : ""}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </NativeSelect>
        {isCustom ? null : error ? <FieldError>{error}</FieldError> : hint ? <FieldHint>{hint}</FieldHint> : null}
      </Field>
      {isCustom ? (
        <Field>
          <Label htmlFor={customId}>{kind.customLabel}</Label>
          <Input
            id={customId}
            value={state.custom}
            onChange={(e) => state.setCustom(e.target.value)}
            placeholder={kind.placeholder}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            maxLength={64}
            className="font-mono"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${error ? errorId : ""} ${hintId}`.trim()}
          />
          <FieldError id={errorId}>{error}</FieldError>
          <FieldHint id={hintId}>{kind.format}</FieldHint>
        </Field>
      ) : null}
    </div>
  );
}
