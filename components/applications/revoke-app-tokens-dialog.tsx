"use client";

import { toast } from "sonner";
import { revokeAppTokensAction } from "@/app/(dashboard)/applications/actions";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import type { AppSummary } from "./types";

/** "Revoke existing tokens": every session (JWT) issued so far for the application stops working. */
export function RevokeAppTokensDialog({ app, ...dialog }: DialogState & { app: AppSummary }) {
  return (
    <ConfirmDialog
      {...dialog}
      title="Revoke existing tokens"
      description={
        <>
          Every session issued so far for <ConfirmSubject>{app.name}</ConfirmSubject> stops working: JWTs (the CF_Authorization cookie and the
          Cf-Access-Jwt-Assertion header) issued before now are refused.
        </>
      }
      confirmLabel="Revoke"
      destructive
      action={() => revokeAppTokensAction(app.id)}
      onDone={(result) => toast.success(`Existing tokens of “${result.name}” revoked`)}
    >
      <ConfirmNote tone="warning">
        This does not revoke service token credentials: a client with a valid Client ID and Client Secret can still obtain a new session. To
        shut a client out, delete or disable its service token, or change the policies.
      </ConfirmNote>
      <p className="text-sm text-zinc-600">
        {app.lastRevokedAt ? (
          <>
            Last revoked <time dateTime={app.lastRevokedAt.toISOString()}>{formatDateTime(app.lastRevokedAt)}</time> (
            {formatRelative(app.lastRevokedAt, new Date())}).
          </>
        ) : (
          "Tokens of this application have never been revoked."
        )}
      </p>
    </ConfirmDialog>
  );
}
