"use client";

import { toast } from "sonner";
import { removeAdminAction } from "@/app/(dashboard)/settings/admins/actions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { AdminSummary } from "./types";

export function RemoveAdminDialog({ admin, self, ...dialog }: DialogState & { admin: AdminSummary; self: boolean }) {
  return (
    <ConfirmDialog
      {...dialog}
      title="Remove administrator"
      description={
        <>
          Remove <ConfirmSubject>{admin.email}</ConfirmSubject> ({ROLE_LABELS[admin.role]})? They can no longer sign in, and a session they have ends at
          its next request.
        </>
      }
      confirmLabel="Remove"
      destructive
      action={() => removeAdminAction(admin.id)}
      onDone={(result) => toast.success(`Administrator ${result.email} removed`)}
    >
      {self ? <ConfirmNote tone="warning">This is you: you will be signed out.</ConfirmNote> : null}
    </ConfirmDialog>
  );
}
