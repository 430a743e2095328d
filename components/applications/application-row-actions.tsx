"use client";

import { Ban, Pencil, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { viewDetails, type RowActions } from "@/components/data-table/row-actions";
import { ApplicationActionDialogs, type AppAction } from "./application-action-dialogs";
import type { AppSummary, PolicyOption } from "./types";

/** The "…" menu of the applications table. Read-only administrators get only "View details". */
export function useApplicationRowActions(canWrite: boolean, policyOptions: PolicyOption[]): RowActions<AppSummary, AppAction> {
  const router = useRouter();
  return {
    label: (app) => `Actions for ${app.name}`,
    items: (app) =>
      canWrite
        ? [
            viewDetails(`/applications/${app.id}`),
            "separator",
            { action: "edit", label: "Edit", icon: Pencil },
            { action: "revoke", label: "Revoke existing tokens", icon: Ban },
            "separator",
            { action: "delete", label: "Delete", icon: Trash, destructive: true },
          ]
        : [viewDetails(`/applications/${app.id}`)],
    dialogs: canWrite
      ? (app, dialog) => <ApplicationActionDialogs app={app} policyOptions={policyOptions} dialog={dialog} onDeleted={() => router.refresh()} />
      : undefined,
  };
}
