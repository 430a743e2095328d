"use client";

import { toast } from "sonner";
import { deleteAppAction } from "@/app/(dashboard)/applications/actions";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { AppSummary } from "./types";

export function DeleteAppDialog({ app, onDeleted, ...dialog }: DialogState & { app: AppSummary; onDeleted: () => void }) {
  const count = app.policies.length;
  return (
    <ConfirmDialog
      {...dialog}
      title="Delete application"
      description={
        <>
          Delete <ConfirmSubject>{app.name}</ConfirmSubject>? Requests to <code className="font-mono text-[13px] text-zinc-900">{app.domain}</code> are
          no longer admitted by Gatepost, and its sessions stop working. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      destructive
      action={() => deleteAppAction(app.id)}
      onDone={(result) => {
        onDeleted();
        toast.success(`Application “${result.name}” deleted`);
      }}
    >
      <ConfirmNote>
        {count === 0
          ? "No policies are attached."
          : `Its ${count === 1 ? "policy stays" : `${count} policies stay`} available to other applications: ${app.policies.map((p) => p.name).join(", ")}.`}
      </ConfirmNote>
    </ConfirmDialog>
  );
}
