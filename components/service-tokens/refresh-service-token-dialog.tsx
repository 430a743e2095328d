"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { refreshServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { refreshedExpiry } from "@/lib/service-tokens/duration";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import type { TokenDialogProps } from "./token-dialog-props";

export function RefreshServiceTokenDialog({ token, open, onOpenChange, onCloseAutoFocus }: TokenDialogProps) {
  const [pending, startTransition] = useTransition();

  function refresh() {
    startTransition(async () => {
      const result = await refreshServiceTokenAction(token.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onOpenChange(false);
      toast.success(result.expiresAt ? `Service token refreshed: now expires ${formatDateTime(result.expiresAt)}` : "Service token refreshed");
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? <RefreshBody token={token} pending={pending} onRefresh={refresh} onCancel={() => onOpenChange(false)} /> : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}

function RefreshBody({ token, pending, onRefresh, onCancel }: { token: TokenDialogProps["token"]; pending: boolean; onRefresh: () => void; onCancel: () => void }) {
  // For display only: the server recomputes from its own clock.
  const next = refreshedExpiry(token.expiresAt, new Date());
  return (
    <>
      <DialogHeader className="pb-4">
        <AlertDialogTitle>Refresh service token</AlertDialogTitle>
        <AlertDialogDescription>
          {next ? (
            <>
              Extend <span className="font-medium text-zinc-900">{token.name}</span> by one year. It will expire on{" "}
              <span className="font-medium text-zinc-900">{formatDateTime(next)}</span>
              {token.expiresAt ? <> instead of {formatDateTime(token.expiresAt)}</> : null}.
            </>
          ) : (
            "Non-expiring tokens do not need a refresh."
          )}
        </AlertDialogDescription>
      </DialogHeader>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button onClick={onRefresh} pending={pending} disabled={!next}>
          Refresh
        </Button>
      </DialogFooter>
    </>
  );
}
