"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { revokeAppTokensAction } from "@/app/(dashboard)/applications/actions";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import type { AppDialogProps } from "./types";

/** "Revoke existing tokens": every session (JWT) issued so far for the application stops working. */
export function RevokeAppTokensDialog({ app, open, onOpenChange, onCloseAutoFocus }: AppDialogProps) {
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeAppTokensAction(app.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onOpenChange(false);
      toast.success(`Existing tokens of “${result.name}” revoked`);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? (
          <>
            <DialogHeader>
              <AlertDialogTitle>Revoke existing tokens</AlertDialogTitle>
              <AlertDialogDescription>
                Every session issued so far for <span className="font-medium text-zinc-900">{app.name}</span> stops working: JWTs (the
                CF_Authorization cookie and the Cf-Access-Jwt-Assertion header) issued before now are refused.
              </AlertDialogDescription>
            </DialogHeader>
            <DialogBody className="pt-2">
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                This does not revoke service token credentials: a client with a valid Client ID and Client Secret can still obtain a new
                session. To shut a client out, delete or disable its service token, or change the policies.
              </p>
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
            </DialogBody>
            <DialogFooter>
              <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
                Cancel
              </Button>
              <Button variant="destructive" onClick={revoke} pending={pending}>
                Revoke
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}
