"use client";

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { TextField } from "./text-field";
import type { ActionForm } from "./use-action-form";

// A new password typed twice: the set-up page, Change password. The server checks the length too;
// this only says it sooner, next to the field.

/** The client-side problem of a typed new password, or null. */
export function newPasswordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : null;
}

export function confirmProblem(password: string, confirm: string): string | null {
  return confirm !== password ? "The passwords do not match." : null;
}

/**
 * The new password (the server's refusals of it are named `field`) and its confirmation, with the
 * problems given (the form's own rules may add to newPasswordProblem's).
 */
export function NewPasswordFields({
  form,
  field,
  label,
  password,
  onPasswordChange,
  confirm,
  onConfirmChange,
  problems,
}: {
  form: ActionForm;
  field: string;
  label: string;
  password: string;
  onPasswordChange: (value: string) => void;
  confirm: string;
  onConfirmChange: (value: string) => void;
  problems: { password: string | null; confirm: string | null };
}) {
  return (
    <>
      <TextField
        label={label}
        name={field}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={onPasswordChange}
        error={form.errorFor(field, problems.password)}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        maxLength={MAX_PASSWORD_LENGTH}
      />
      <TextField
        label={`Confirm ${label.toLowerCase()}`}
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirmChange}
        error={form.errorFor("confirm", problems.confirm)}
      />
    </>
  );
}
