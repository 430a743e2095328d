"use client";

import { Pencil, Send, Trash } from "lucide-react";
import type { RowActions } from "@/components/data-table/row-actions";
import { DeleteWebhookDialog, TestWebhookDialog } from "./webhook-dialogs";
import { EditWebhookDialog } from "./webhook-form-dialog";
import type { WebhookSummary } from "./types";

/** The "…" menu of the destinations table; given only to administrators who may change them (a test changes its last success or failure). */
export const webhookRowActions: RowActions<WebhookSummary, "test" | "edit" | "delete"> = {
  label: (destination) => `Actions for ${destination.name}`,
  menuClassName: "w-48",
  items: () => [
    { action: "test", label: "Test", icon: Send },
    { action: "edit", label: "Edit", icon: Pencil },
    "separator",
    { action: "delete", label: "Delete", icon: Trash, destructive: true },
  ],
  dialogs: (destination, dialog) => (
    <>
      <TestWebhookDialog destination={destination} {...dialog("test")} />
      <EditWebhookDialog destination={destination} {...dialog("edit")} />
      <DeleteWebhookDialog destination={destination} {...dialog("delete")} />
    </>
  ),
};
