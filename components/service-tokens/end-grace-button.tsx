"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { endRotationGraceAction } from "@/app/(dashboard)/service-tokens/actions";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogFooter, DialogHeader } from "@/components/ui/dialog";

/** Ends a running rotation grace period after a confirmation; rendered only for service_tokens:write. */
export function EndGraceButton({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function endGrace() {
    startTransition(async () => {
      const result = await endRotationGraceAction(tokenId);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      setOpen(false);
      toast.success("Grace period ended: only the current secret works now");
    });
  }

  return (
    <>
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => setOpen(true)}>
        End grace now
      </Button>
      <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
        <AlertDialogContent>
          <DialogHeader className="pb-4">
            <AlertDialogTitle>End the grace period</AlertDialogTitle>
            <AlertDialogDescription>
              The previous secret stops working immediately: clients of{" "}
              <span className="font-medium break-all text-zinc-900">{tokenName}</span> that still send it are refused. The current secret is not
              affected.
            </AlertDialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={endGrace} pending={pending}>
              End grace now
            </Button>
          </DialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
