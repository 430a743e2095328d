"use client";

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { newPasswordProblem } from "@/components/forms/new-password-fields";
import { RadioListField } from "@/components/forms/radio-list-field";
import { TextField } from "@/components/forms/text-field";
import type { ActionForm } from "@/components/forms/use-action-form";

// The fields the administrator forms share: the role, and a password typed or generated.

const ROLE_HINTS: Record<Role, string> = {
  super_admin: "Everything, including administrators, API tokens and account settings",
  access_admin: "Create and change service tokens, applications, policies and notifications",
  read_only: "See everything, change nothing",
};

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], hint: ROLE_HINTS[role] }));

export function RoleField({ value, onChange, error, autoFocus }: { value: Role | null; onChange: (role: Role) => void; error?: string; autoFocus?: boolean }) {
  return <RadioListField legend={FIELD_LABELS.role} options={ROLE_OPTIONS} value={value} onChange={onChange} error={error} autoFocus={autoFocus} />;
}

export type PasswordMode = "generate" | "type";

const PASSWORD_OPTIONS = [
  { value: "generate" as const, label: "Generate a password", hint: "Shown once, to copy and hand over" },
  { value: "type" as const, label: "Type a password", hint: `At least ${MIN_PASSWORD_LENGTH} characters` },
];

/** The password's client-side problem, or null. */
export function passwordProblem(mode: PasswordMode, password: string): string | null {
  return mode === "generate" ? null : newPasswordProblem(password);
}

/** What the domain gets for the password: the one typed, or a request to generate one. */
export function passwordInput(mode: PasswordMode, password: string): { password: string } | { generatePassword: true } {
  return mode === "generate" ? { generatePassword: true } : { password };
}

export function PasswordChoiceField({
  form,
  mode,
  onModeChange,
  password,
  onPasswordChange,
  legend,
}: {
  form: ActionForm;
  mode: PasswordMode;
  onModeChange: (mode: PasswordMode) => void;
  password: string;
  onPasswordChange: (password: string) => void;
  legend: string;
}) {
  return (
    <>
      <RadioListField legend={legend} options={PASSWORD_OPTIONS} value={mode} onChange={onModeChange} />
      {mode === "type" ? (
        <TextField
          label={FIELD_LABELS.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={onPasswordChange}
          error={form.errorFor("password", passwordProblem(mode, password))}
          maxLength={MAX_PASSWORD_LENGTH}
        />
      ) : null}
    </>
  );
}
