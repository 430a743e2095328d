"use client";

import Link from "next/link";
import { toast } from "sonner";
import { deletePolicyAction } from "@/app/(dashboard)/policies/actions";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { PolicyRow } from "./types";

const appList = (apps: PolicyRow["apps"]) => apps.map((a) => a.name).join(", ");

export function DeletePolicyDialog({ policy, ...dialog }: DialogState & { policy: PolicyRow }) {
  const used = policy.apps.length > 0;
  return (
    <ConfirmDialog
      {...dialog}
      title="Delete policy"
      description={
        <>
          Delete <ConfirmSubject>{policy.name}</ConfirmSubject>? This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      destructive
      action={() => deletePolicyAction(policy.id)}
      // The server refuses while an application uses the policy (perhaps one attached since this page loaded).
      failureMessage={(failure) =>
        used
          ? `“${policy.name}” is still used by ${appList(policy.apps)}. Remove it from ${policy.apps.length === 1 ? "that application" : "those applications"} first.`
          : failure.error
      }
      onDone={(result) => toast.success(`Policy “${result.name}” deleted`)}
    >
      {used ? (
        <ConfirmNote tone="warning">
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
        </ConfirmNote>
      ) : (
        <ConfirmNote>No application uses this policy.</ConfirmNote>
      )}
    </ConfirmDialog>
  );
}
