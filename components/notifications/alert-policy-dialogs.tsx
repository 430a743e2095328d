"use client";

import { toast } from "sonner";
import { deleteAlertPolicyAction, updateAlertPolicyAction } from "@/app/(dashboard)/notifications/actions";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { AlertPolicySummary } from "./types";

/** Disable (or enable again) a notification: nothing else about it changes. */
export function ToggleAlertPolicyDialog({ policy, ...dialog }: DialogState & { policy: AlertPolicySummary }) {
  const enable = !policy.enabled;
  return (
    <ConfirmDialog
      {...dialog}
      title={enable ? "Enable notification" : "Disable notification"}
      description={
        enable ? (
          <>
            Enable <ConfirmSubject>{policy.name}</ConfirmSubject>? Tokens expiring within its lead times are alerted from the next scan on.
          </>
        ) : (
          <>
            Disable <ConfirmSubject>{policy.name}</ConfirmSubject>? It sends nothing until you enable it again; its history stays.
          </>
        )
      }
      confirmLabel={enable ? "Enable" : "Disable"}
      action={() => updateAlertPolicyAction(policy.id, { enabled: enable })}
      onDone={(result) => toast.success(`Notification “${result.policy.name}” ${result.policy.enabled ? "enabled" : "disabled"}`)}
    />
  );
}

export function DeleteAlertPolicyDialog({ policy, ...dialog }: DialogState & { policy: AlertPolicySummary }) {
  return (
    <ConfirmDialog
      {...dialog}
      title="Delete notification"
      description={
        <>
          Delete <ConfirmSubject>{policy.name}</ConfirmSubject>? Nobody is alerted by it any more. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      destructive
      action={() => deleteAlertPolicyAction(policy.id)}
      onDone={(result) => toast.success(`Notification “${result.policy.name}” deleted`)}
    >
      <ConfirmNote>Its deliveries stay in the history, under the name it has now.</ConfirmNote>
    </ConfirmDialog>
  );
}
