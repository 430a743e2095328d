"use client";

import { useState } from "react";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(dashboard)/actions";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { confirmProblem, NewPasswordFields, newPasswordProblem } from "@/components/forms/new-password-fields";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { DialogState } from "@/components/ui/dialog-switch";

const FIELDS = ["currentPassword", "newPassword", "confirm"] as const;

/** "Change password" from the account menu: the current password, the new one twice. */
export function ChangePasswordDialog(state: DialogState) {
  return (
    <FormDialog open={state.open} onOpenChange={state.onOpenChange} onCloseAutoFocus={state.onCloseAutoFocus}>
      {(close) => <ChangePasswordForm onDone={close} />}
    </FormDialog>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const form = useActionForm();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  // What the server checks too; this only says it sooner, next to the field.
  const problems = {
    currentPassword: currentPassword === "" ? "Enter your current password." : null,
    password: newPasswordProblem(newPassword) ?? (newPassword === currentPassword ? "Choose a password other than the current one." : null),
    confirm: confirmProblem(newPassword, confirm),
  };

  function submit() {
    if (Object.values(problems).some(Boolean)) return;
    form.run(
      () => changePasswordAction({ currentPassword, newPassword }),
      (result) => {
        onDone();
        const elsewhere = result.sessionsEnded === 1 ? "1 other session was" : `${result.sessionsEnded} other sessions were`;
        toast.success(result.sessionsEnded > 0 ? `Password changed. ${elsewhere} signed out.` : "Password changed.");
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Change password"
      description="Your other signed-in sessions end; this one stays signed in."
      submitLabel="Change password"
      error={form.generalError(FIELDS)}
    >
      <TextField
        label={FIELD_LABELS.currentPassword}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={form.errorFor("currentPassword", problems.currentPassword)}
        autoFocus
      />
      <NewPasswordFields
        form={form}
        field="newPassword"
        label={FIELD_LABELS.newPassword}
        password={newPassword}
        onPasswordChange={setNewPassword}
        confirm={confirm}
        onConfirmChange={setConfirm}
        problems={problems}
      />
    </DialogForm>
  );
}
