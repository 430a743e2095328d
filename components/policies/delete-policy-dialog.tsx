"use client";

import Link from "next/link";
import { useTransition } from "react";
import { toast } from "sonner";
import { deletePolicyAction } from "@/app/(dashboard)/policies/actions";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import type { PolicyRow } from "./types";

const appList = (apps: PolicyRow["apps"]) => apps.map((a) => a.name).join(", ");

export function DeletePolicyDialog({
  policy,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  policy: PolicyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const [pending, startTransition] = useTransition();
  const used = policy.apps.length > 0;

  function remove() {
    startTransition(async () => {
      const result = await deletePolicyAction(policy.id);
      if (!result.ok) {
        // The server refuses while an application uses the policy (perhaps one attached since this page loaded).
        toast.error(
          used ? `“${policy.name}” is still used by ${appList(policy.apps)}. Remove it from ${policy.apps.length === 1 ? "that application" : "those applications"} first.` : result.error,
        );
        return;
      }
      onOpenChange(false);
      toast.success(`Policy “${result.name}” deleted`);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {open ? (
          <>
            <DialogHeader>
              <AlertDialogTitle>Delete policy</AlertDialogTitle>
              <AlertDialogDescription>
                Delete <span className="font-medium text-zinc-900">{policy.name}</span>? This cannot be undone.
              </AlertDialogDescription>
            </DialogHeader>
            <DialogBody className="pt-2">
              {used ? (
                <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  <p className="font-medium">
                    Used by {policy.apps.length === 1 ? "1 application" : `${policy.apps.length} applications`}: a policy can be deleted only once no
                    application uses it.
                  </p>
                  <ul className="mt-1.5 grid gap-0.5" aria-label="Applications using this policy">
                    {policy.apps.map((a) => (
                      <li key={a.id}>
                        <Link href={`/applications/${a.id}`} className="font-medium underline-offset-2 hover:underline">
                          {a.name}
                        </Link>{" "}
                        <code className="font-mono text-xs text-amber-800">{a.domain}</code>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">No application uses this policy.</p>
              )}
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
