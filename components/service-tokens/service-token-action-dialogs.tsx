"use client";

import type { DialogState } from "@/components/ui/dialog-switch";
import { DeleteServiceTokenDialog } from "./delete-service-token-dialog";
import { EditServiceTokenDialog } from "./edit-service-token-dialog";
import { RefreshServiceTokenDialog } from "./refresh-service-token-dialog";
import { RotateServiceTokenDialog } from "./rotate-service-token-dialog";
import type { ServiceTokenSummary } from "./types";

export type TokenAction = "refresh" | "edit" | "rotate" | "delete";

/** The four per-token dialogs, one open at a time; shared by the table's row menu and the token page. */
export function ServiceTokenActionDialogs({
  token,
  dialog,
  onDeleted,
}: {
  token: ServiceTokenSummary;
  dialog: (action: TokenAction) => DialogState;
  onDeleted: () => void;
}) {
  return (
    <>
      <RefreshServiceTokenDialog token={token} {...dialog("refresh")} />
      <EditServiceTokenDialog token={token} {...dialog("edit")} />
      <RotateServiceTokenDialog token={token} {...dialog("rotate")} />
      <DeleteServiceTokenDialog token={token} {...dialog("delete")} onDeleted={onDeleted} />
    </>
  );
}
