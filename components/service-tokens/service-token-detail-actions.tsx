"use client";

import { KeyRound, Pencil, RefreshCw, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { PageActionButton, PageActions } from "@/components/layout/page-actions";
import { useDialogSwitch } from "@/components/ui/dialog-switch";
import { ServiceTokenActionDialogs, type TokenAction } from "./service-token-action-dialogs";
import type { ServiceTokenSummary } from "./types";

/** The token page's buttons; rendered only for administrators who may change tokens. */
export function ServiceTokenDetailActions({ token }: { token: ServiceTokenSummary }) {
  const router = useRouter();
  const dialogs = useDialogSwitch<TokenAction>();
  const forever = token.expiresAt === null;
  return (
    <PageActions>
      <PageActionButton
        icon={RefreshCw}
        disabled={forever}
        title={forever ? "Non-expiring tokens do not need a refresh" : "Extend the expiry by one year"}
        onClick={() => dialogs.open("refresh")}
      >
        Refresh
      </PageActionButton>
      <PageActionButton icon={Pencil} onClick={() => dialogs.open("edit")}>
        Edit
      </PageActionButton>
      <PageActionButton icon={KeyRound} onClick={() => dialogs.open("rotate")}>
        Rotate
      </PageActionButton>
      <PageActionButton icon={Trash} destructive onClick={() => dialogs.open("delete")}>
        Delete
      </PageActionButton>
      <ServiceTokenActionDialogs token={token} dialog={dialogs.dialog} onDeleted={() => router.replace("/service-tokens")} />
    </PageActions>
  );
}
