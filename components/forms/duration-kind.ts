// A duration picked from presets or typed as a Go duration: a service token's lifetime, a session's
// length. What differs between them (the presets, the domain's check, the words) is a DurationKind;
// DurationField (duration-field.tsx) is the one field for all of them.

export interface DurationKind {
  choices: readonly { value: string; label: string }[];
  /** The domain's reason why `value` is refused, or null. */
  problem: (value: string) => string | null;
  /** How a sentence about it begins: "Session duration must be at least 1s." */
  noun: string;
  customLabel: string;
  placeholder: string;
  /** The accepted format, shown under the custom box. */
  format: string;
}

/** A preset's label for `value`, or `value` itself (a custom Go duration). */
export function presetLabel(kind: Pick<DurationKind, "choices">, value: string): string {
  return kind.choices.find((c) => c.value === value)?.label ?? value;
}
