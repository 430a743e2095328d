"use client";

import { BellOff, BellRing, Pencil, Trash } from "lucide-react";
import type { RowActions } from "@/components/data-table/row-actions";
import { DeleteAlertPolicyDialog, ToggleAlertPolicyDialog } from "./alert-policy-dialogs";
import { EditAlertPolicyDialog } from "./alert-policy-form-dialog";
import type { AlertPolicySummary, AlertTypeOption, WebhookOption } from "./types";

/** The "…" menu of the notifications table; given only to administrators who may change them. */
export function alertPolicyRowActions(alertTypes: AlertTypeOption[], webhookOptions: WebhookOption[]): RowActions<AlertPolicySummary, "edit" | "toggle" | "delete"> {
  return {
    label: (policy) => `Actions for ${policy.name}`,
    menuClassName: "w-48",
    items: (policy) => [
      { action: "edit", label: "Edit", icon: Pencil },
      policy.enabled ? { action: "toggle", label: "Disable", icon: BellOff } : { action: "toggle", label: "Enable", icon: BellRing },
      "separator",
      { action: "delete", label: "Delete", icon: Trash, destructive: true },
    ],
    dialogs: (policy, dialog) => (
      <>
        <EditAlertPolicyDialog policy={policy} alertTypes={alertTypes} webhookOptions={webhookOptions} {...dialog("edit")} />
        <ToggleAlertPolicyDialog policy={policy} {...dialog("toggle")} />
        <DeleteAlertPolicyDialog policy={policy} {...dialog("delete")} />
      </>
    ),
  };
}
