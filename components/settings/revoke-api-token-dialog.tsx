"use client";

import { toast } from "sonner";
import { revokeApiTokenAction } from "@/app/(dashboard)/settings/api-tokens/actions";
import { ConfirmDialog, ConfirmSubject, LastUsedNote } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { ApiTokenSummary } from "./types";

export function RevokeApiTokenDialog({ token, ...dialog }: DialogState & { token: ApiTokenSummary }) {
  return (
    <ConfirmDialog
      {...dialog}
      title="Revoke API token"
      description={
        <>
          Revoke <ConfirmSubject>{token.name}</ConfirmSubject>? Requests that send it are refused immediately. This cannot be undone.
        </>
      }
      confirmLabel="Revoke"
      destructive
      action={() => revokeApiTokenAction(token.id)}
      onDone={(result) => toast.success(`API token “${result.name}” revoked`)}
    >
      <LastUsedNote at={token.lastUsedAt} />
    </ConfirmDialog>
  );
}
