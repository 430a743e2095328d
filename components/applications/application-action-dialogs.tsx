"use client";

import { EditApplicationDialog } from "./application-form-dialog";
import { DeleteAppDialog } from "./delete-app-dialog";
import { RevokeAppTokensDialog } from "./revoke-app-tokens-dialog";
import type { AppSummary, PolicyOption } from "./types";

export type AppAction = "edit" | "revoke" | "delete";

/** The per-application dialogs, one open at a time; shared by the row menu and the application page. */
export function ApplicationActionDialogs({
  app,
  policyOptions,
  action,
  onClose,
  onDeleted,
  returnFocusTo,
}: {
  app: AppSummary;
  policyOptions: PolicyOption[];
  action: AppAction | null;
  onClose: () => void;
  onDeleted: () => void;
  /** The control that opened the dialogs: focus goes back to it (a menu item no longer exists). */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const props = (kind: AppAction) => ({
    app,
    open: action === kind,
    onOpenChange: (open: boolean) => {
      if (!open) onClose();
    },
    onCloseAutoFocus: (event: Event) => {
      if (!returnFocusTo?.current) return;
      event.preventDefault();
      returnFocusTo.current.focus();
    },
  });
  return (
    <>
      <EditApplicationDialog {...props("edit")} policyOptions={policyOptions} />
      <RevokeAppTokensDialog {...props("revoke")} />
      <DeleteAppDialog {...props("delete")} onDeleted={onDeleted} />
    </>
  );
}
