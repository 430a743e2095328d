"use client";

import { useState } from "react";
import { toast } from "sonner";
import { resetAdminPasswordAction } from "@/app/(dashboard)/settings/admins/actions";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { useAdminPasswordReveal } from "./admin-password-reveal";
import { PasswordChoiceField, passwordInput, passwordProblem, type PasswordMode } from "./admin-fields";
import type { AdminSummary } from "./types";

export function ResetPasswordDialog({ admin, ...dialog }: DialogState & { admin: AdminSummary }) {
  return <FormDialog {...dialog}>{(close) => <ResetPasswordForm admin={admin} onDone={close} />}</FormDialog>;
}

function ResetPasswordForm({ admin, onDone }: { admin: AdminSummary; onDone: () => void }) {
  const reveal = useAdminPasswordReveal();
  const form = useActionForm();
  const [mode, setMode] = useState<PasswordMode>("generate");
  const [password, setPassword] = useState("");

  function submit() {
    if (passwordProblem(mode, password)) return;
    form.run(
      () => resetAdminPasswordAction(admin.id, passwordInput(mode, password)),
      (result) => {
        onDone();
        if (result.generatedPassword) reveal({ kind: "reset", email: result.email, password: result.generatedPassword });
        toast.success(`Password of ${result.email} reset`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Reset password"
      description={
        <>
          A new password for <ConfirmSubject>{admin.email}</ConfirmSubject>. The old one stops working at once.
        </>
      }
      submitLabel="Reset password"
      error={form.generalError(["password"])}
    >
      <PasswordChoiceField form={form} legend="New password" mode={mode} onModeChange={setMode} password={password} onPasswordChange={setPassword} />
    </DialogForm>
  );
}
