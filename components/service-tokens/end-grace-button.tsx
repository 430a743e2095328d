"use client";

import { toast } from "sonner";
import { endRotationGraceAction } from "@/app/(dashboard)/service-tokens/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmSubject } from "@/components/ui/confirm-dialog";

/** Ends a running rotation grace period after a confirmation; rendered only for service_tokens:write. */
export function EndGraceButton({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" className="mt-2">
          End grace now
        </Button>
      }
      title="End the grace period"
      description={
        <>
          The previous secret stops working immediately: clients of <ConfirmSubject className="break-all">{tokenName}</ConfirmSubject> that still
          send it are refused. The current secret is not affected.
        </>
      }
      confirmLabel="End grace now"
      destructive
      action={() => endRotationGraceAction(tokenId)}
      onDone={() => toast.success("Grace period ended: only the current secret works now")}
    />
  );
}
