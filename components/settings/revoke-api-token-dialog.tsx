"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { revokeApiTokenAction } from "@/app/(dashboard)/settings/api-tokens/actions";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import type { ApiTokenSummary } from "./types";

export function RevokeApiTokenDialog({
  token,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  token: ApiTokenSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeApiTokenAction(token.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onOpenChange(false);
      toast.success(`API token “${result.name}” revoked`);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? (
          <>
            <DialogHeader>
              <AlertDialogTitle>Revoke API token</AlertDialogTitle>
              <AlertDialogDescription>
                Revoke <span className="font-medium text-zinc-900">{token.name}</span>? Requests that send it are refused immediately. This
                cannot be undone.
              </AlertDialogDescription>
            </DialogHeader>
            <DialogBody className="pt-2">
              <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
                {token.lastUsedAt ? (
                  <span title={formatDateTime(token.lastUsedAt)}>Last used {formatRelative(token.lastUsedAt, new Date())}</span>
                ) : (
                  "This token was never used."
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
