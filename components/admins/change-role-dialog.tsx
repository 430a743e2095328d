"use client";

import { useState } from "react";
import { toast } from "sonner";
import { changeAdminRoleAction } from "@/app/(dashboard)/settings/admins/actions";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { RoleField } from "./admin-fields";
import type { AdminSummary } from "./types";

export function ChangeRoleDialog({ admin, self, ...dialog }: DialogState & { admin: AdminSummary; self: boolean }) {
  return <FormDialog {...dialog}>{(close) => <ChangeRoleForm admin={admin} self={self} onDone={close} />}</FormDialog>;
}

function ChangeRoleForm({ admin, self, onDone }: { admin: AdminSummary; self: boolean; onDone: () => void }) {
  const form = useActionForm();
  const [role, setRole] = useState<Role>(admin.role);

  function submit() {
    if (role === admin.role) return onDone();
    form.run(
      () => changeAdminRoleAction(admin.id, { role }),
      (result) => {
        onDone();
        toast.success(`${result.email} is now ${ROLE_LABELS[result.role]}`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Change role"
      description={
        <>
          What <ConfirmSubject>{admin.email}</ConfirmSubject> can do from their next request on.
          {self ? " Lowering your own role takes this page away from you." : null}
        </>
      }
      submitLabel="Change role"
      error={form.generalError(["role"])}
    >
      <RoleField value={role} onChange={setRole} error={form.errorFor("role")} autoFocus />
    </DialogForm>
  );
}
