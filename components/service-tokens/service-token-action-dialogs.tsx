"use client";

import { DeleteServiceTokenDialog } from "./delete-service-token-dialog";
import { EditServiceTokenDialog } from "./edit-service-token-dialog";
import { RefreshServiceTokenDialog } from "./refresh-service-token-dialog";
import { RotateServiceTokenDialog } from "./rotate-service-token-dialog";
import type { ServiceTokenSummary } from "./types";

export type TokenAction = "refresh" | "edit" | "rotate" | "delete";

/** The four per-token dialogs, one open at a time; shared by the row menu and the token page. */
export function ServiceTokenActionDialogs({
  token,
  action,
  onClose,
  onDeleted,
  returnFocusTo,
}: {
  token: ServiceTokenSummary;
  action: TokenAction | null;
  onClose: () => void;
  onDeleted: () => void;
  /** The control that opened the dialogs: focus goes back to it (a menu item no longer exists). */
  returnFocusTo?: React.RefObject<HTMLElement | null>;
}) {
  const props = (kind: TokenAction) => ({
    token,
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
      <RefreshServiceTokenDialog {...props("refresh")} />
      <EditServiceTokenDialog {...props("edit")} />
      <RotateServiceTokenDialog {...props("rotate")} />
      <DeleteServiceTokenDialog {...props("delete")} onDeleted={onDeleted} />
    </>
  );
}
