"use client";

import { useId, useState } from "react";
import { sessionDurationProblem } from "@/lib/access/schemas";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { SESSION_DURATION_CHOICES } from "./session-duration";

const CUSTOM = "custom";
// "Same as the application" (a policy without its own session duration).
const APP_DEFAULT = "";

export interface SessionDurationState {
  choice: string;
  setChoice: (choice: string) => void;
  custom: string;
  setCustom: (custom: string) => void;
  /** What to send: a Go duration, or null for "same as the application". */
  value: string | null;
  /** Why the custom value is not a session duration (a sentence), or null. */
  problem: string | null;
}

export function useSessionDurationState(initial: string | null): SessionDurationState {
  const preset = initial === null || SESSION_DURATION_CHOICES.some((c) => c.value === initial);
  const [choice, setChoice] = useState<string>(initial === null ? APP_DEFAULT : preset ? initial : CUSTOM);
  const [custom, setCustom] = useState(preset ? "" : (initial ?? ""));
  const term = custom.trim();
  const value = choice === APP_DEFAULT ? null : choice === CUSTOM ? term : choice;
  let problem: string | null = null;
  if (choice === CUSTOM) {
    const reason = term === "" ? "Enter a duration" : sessionDurationProblem(term);
    if (reason) {
      const short = reason.split("; expected")[0];
      problem = /^(must|is) /.test(short) ? `Session duration ${short}.` : `${short[0].toUpperCase()}${short.slice(1)}.`;
    }
  }
  return { choice, setChoice, custom, setCustom, value, problem };
}

export function SessionDurationField({
  state,
  allowAppDefault = false,
  hint,
  serverError,
  showEmptyError,
}: {
  state: SessionDurationState;
  /** Offer "Same as the application" (a policy's session duration is optional). */
  allowAppDefault?: boolean;
  hint: string;
  serverError?: string;
  showEmptyError: boolean;
}) {
  const selectId = useId();
  const customId = useId();
  const errorId = useId();
  const showProblem = state.problem !== null && (state.custom.trim() !== "" || showEmptyError);
  const error = showProblem ? state.problem! : serverError;
  return (
    <div className="grid gap-3">
      <Field>
        <Label htmlFor={selectId}>Session duration</Label>
        <NativeSelect id={selectId} value={state.choice} onChange={(e) => state.setChoice(e.target.value)}>
          {allowAppDefault ? <option value={APP_DEFAULT}>Same as the application</option> : null}
          {SESSION_DURATION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </NativeSelect>
        {state.choice !== CUSTOM ? error ? <FieldError>{error}</FieldError> : <FieldHint>{hint}</FieldHint> : null}
      </Field>
      {state.choice === CUSTOM ? (
        <Field>
          <Label htmlFor={customId}>Custom session duration</Label>
          <Input
            id={customId}
            value={state.custom}
            onChange={(e) => state.setCustom(e.target.value)}
            placeholder="e.g. 8h or 1h30m"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            maxLength={64}
            className="font-mono"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error ? <FieldError id={errorId}>{error}</FieldError> : <FieldHint>A Go duration with units h, m or s, from 1s to 8760h.</FieldHint>}
        </Field>
      ) : null}
    </div>
  );
}
