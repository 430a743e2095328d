"use client";

import { KeyRound, Pencil, RefreshCw, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { viewDetails, type RowActions } from "@/components/data-table/row-actions";
import { ServiceTokenActionDialogs, type TokenAction } from "./service-token-action-dialogs";
import type { ServiceTokenSummary } from "./types";

/** The "…" menu of the tokens table. Read-only administrators get only "View details". */
export function useServiceTokenRowActions(canWrite: boolean): RowActions<ServiceTokenSummary, TokenAction> {
  const router = useRouter();
  return {
    label: (token) => `Actions for ${token.name}`,
    items: (token) => {
      const forever = token.expiresAt === null;
      if (!canWrite) return [viewDetails(`/service-tokens/${token.id}`)];
      return [
        viewDetails(`/service-tokens/${token.id}`),
        "separator",
        { action: "refresh", label: "Refresh", icon: RefreshCw, disabled: forever, note: forever ? "Non-expiring tokens do not need a refresh" : undefined },
        { action: "edit", label: "Edit", icon: Pencil },
        { action: "rotate", label: "Rotate", icon: KeyRound },
        "separator",
        { action: "delete", label: "Delete", icon: Trash, destructive: true },
      ];
    },
    dialogs: canWrite ? (token, dialog) => <ServiceTokenActionDialogs token={token} dialog={dialog} onDeleted={() => router.refresh()} /> : undefined,
  };
}
