"use client";

import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { serviceTokenUsageAction } from "@/app/(dashboard)/policies/actions";
import { deleteServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { ServiceTokenUsageSummary } from "@/components/policies/service-token-usage";
import type { TokenUsage } from "@/components/policies/types";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { Skeleton } from "@/components/ui/skeleton";
import type { TokenDialogProps } from "./token-dialog-props";

type UsageState = { status: "loading" } | { status: "loaded"; usage: TokenUsage } | { status: "failed"; error: string };

/** Where the token is used, read when the dialog opens (policies change while a page stays open). */
function useTokenUsage(tokenId: string, open: boolean): UsageState {
  const [state, setState] = useState<UsageState>({ status: "loading" });
  useEffect(() => {
    if (!open) return;
    let current = true;
    setState({ status: "loading" });
    serviceTokenUsageAction(tokenId).then(
      (result) => current && setState(result.ok ? { status: "loaded", usage: result.usage } : { status: "failed", error: result.error }),
      () => current && setState({ status: "failed", error: "Could not check where this token is used." }),
    );
    return () => {
      current = false;
    };
  }, [tokenId, open]);
  return state;
}

export function DeleteServiceTokenDialog({
  token,
  open,
  onOpenChange,
  onCloseAutoFocus,
  onDeleted,
}: TokenDialogProps & { onDeleted: () => void }) {
  const [pending, startTransition] = useTransition();
  const usage = useTokenUsage(token.id, open);

  function remove() {
    startTransition(async () => {
      const result = await deleteServiceTokenAction(token.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onOpenChange(false);
      onDeleted();
      toast.success(`Service token “${result.name}” deleted`);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? (
          <>
            <DialogHeader>
              <AlertDialogTitle>Delete service token</AlertDialogTitle>
              <AlertDialogDescription>
                Delete <span className="font-medium text-zinc-900">{token.name}</span>? It stops working immediately: services that
                send it can no longer reach your applications. This cannot be undone.
              </AlertDialogDescription>
            </DialogHeader>
            <DialogBody className="pt-2">
              {usage.status === "loading" ? (
                <div role="status" aria-label="Checking where this token is used" className="grid gap-2 rounded-md border border-zinc-200 px-3 py-2.5">
                  <Skeleton className="h-3.5 w-3/4" />
                  <Skeleton className="h-3.5 w-1/2" />
                </div>
              ) : usage.status === "loaded" ? (
                <ServiceTokenUsageSummary usage={usage.usage} />
              ) : (
                <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{usage.error}</p>
              )}
              <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
                {token.lastSeenAt ? (
                  <span title={formatDateTime(token.lastSeenAt)}>Last used {formatRelative(token.lastSeenAt, new Date())}</span>
                ) : (
                  "This token was never used."
                )}
              </p>
            </DialogBody>
            <DialogFooter>
              <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
                Cancel
              </Button>
              <Button variant="destructive" onClick={remove} pending={pending}>
                Delete
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}
