"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { deleteAppAction } from "@/app/(dashboard)/applications/actions";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import type { AppDialogProps } from "./types";

export function DeleteAppDialog({ app, open, onOpenChange, onCloseAutoFocus, onDeleted }: AppDialogProps & { onDeleted: () => void }) {
  const [pending, startTransition] = useTransition();

  function remove() {
    startTransition(async () => {
      const result = await deleteAppAction(app.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onOpenChange(false);
      onDeleted();
      toast.success(`Application “${result.name}” deleted`);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? (
          <>
            <DialogHeader>
              <AlertDialogTitle>Delete application</AlertDialogTitle>
              <AlertDialogDescription>
                Delete <span className="font-medium text-zinc-900">{app.name}</span>? Requests to{" "}
                <code className="font-mono text-[13px] text-zinc-900">{app.domain}</code> are no longer admitted by Gatepost, and its sessions
                stop working. This cannot be undone.
              </AlertDialogDescription>
            </DialogHeader>
            <DialogBody className="pt-2">
              <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
                {app.policies.length === 0
                  ? "No policies are attached."
                  : `Its ${app.policies.length === 1 ? "policy stays" : `${app.policies.length} policies stay`} available to other applications: ${app.policies.map((p) => p.name).join(", ")}.`}
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
