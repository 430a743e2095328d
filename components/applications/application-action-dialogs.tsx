"use client";

import type { DialogState } from "@/components/ui/dialog-switch";
import { EditApplicationDialog } from "./application-form-dialog";
import { DeleteAppDialog } from "./delete-app-dialog";
import { RevokeAppTokensDialog } from "./revoke-app-tokens-dialog";
import type { AppSummary, PolicyOption } from "./types";

export type AppAction = "edit" | "revoke" | "delete";

/** The per-application dialogs, one open at a time; shared by the table's row menu and the application page. */
export function ApplicationActionDialogs({
  app,
  policyOptions,
  dialog,
  onDeleted,
}: {
  app: AppSummary;
  policyOptions: PolicyOption[];
  dialog: (action: AppAction) => DialogState;
  onDeleted: () => void;
}) {
  return (
    <>
      <EditApplicationDialog app={app} policyOptions={policyOptions} {...dialog("edit")} />
      <RevokeAppTokensDialog app={app} {...dialog("revoke")} />
      <DeleteAppDialog app={app} {...dialog("delete")} onDeleted={onDeleted} />
    </>
  );
}
