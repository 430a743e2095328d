"use client";

import { useState } from "react";
import { toast } from "sonner";
import { addAdminAction } from "@/app/(dashboard)/settings/admins/actions";
import { MAX_EMAIL_LENGTH } from "@/lib/admins/schemas";
import type { Role } from "@/lib/auth/permissions";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useAdminPasswordReveal } from "./admin-password-reveal";
import { PasswordChoiceField, passwordInput, passwordProblem, RoleField, type PasswordMode } from "./admin-fields";

/** "Add administrator": email, role, a password typed or generated (then the one-time reveal). */
export function AddAdminDialog({ trigger }: { trigger: React.ReactNode }) {
  return <FormDialog trigger={trigger}>{(close) => <AddAdminForm onDone={close} />}</FormDialog>;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function AddAdminForm({ onDone }: { onDone: () => void }) {
  const reveal = useAdminPasswordReveal();
  const form = useActionForm();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role | null>(null);
  const [mode, setMode] = useState<PasswordMode>("generate");
  const [password, setPassword] = useState("");

  const problems = {
    email: EMAIL.test(email.trim()) ? null : "Enter an email address.",
    role: role === null ? "Choose a role." : null,
    password: passwordProblem(mode, password),
  };

  function submit() {
    if (problems.email || problems.role || problems.password || role === null) return;
    form.run(
      () => addAdminAction({ email: email.trim(), role, ...passwordInput(mode, password) }),
      (result) => {
        onDone();
        if (result.generatedPassword) reveal({ kind: "added", email: result.email, password: result.generatedPassword });
        toast.success(`Administrator ${result.email} added`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Add administrator"
      description="Someone who signs in to this dashboard with an email and a password. Their role decides what they can change."
      submitLabel="Add administrator"
      error={form.generalError(["email", "role", "password"])}
    >
      <TextField
        label={FIELD_LABELS.email}
        type="email"
        value={email}
        onChange={setEmail}
        error={form.errorFor("email", problems.email)}
        placeholder="name@example.com"
        maxLength={MAX_EMAIL_LENGTH}
        autoFocus
      />
      <RoleField value={role} onChange={setRole} error={form.errorFor("role", problems.role)} />
      <PasswordChoiceField form={form} legend="Initial password" mode={mode} onModeChange={setMode} password={password} onPasswordChange={setPassword} />
    </DialogForm>
  );
}
