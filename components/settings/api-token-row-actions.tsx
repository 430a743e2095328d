"use client";

import { Ban } from "lucide-react";
import type { RowActions } from "@/components/data-table/row-actions";
import { RevokeApiTokenDialog } from "./revoke-api-token-dialog";
import type { ApiTokenSummary } from "./types";

/** The "…" menu of the API tokens table (Super Administrators only: the page is theirs). */
export const apiTokenRowActions: RowActions<ApiTokenSummary, "revoke"> = {
  label: (token) => `Actions for ${token.name}`,
  menuClassName: "w-44",
  items: () => [{ action: "revoke", label: "Revoke", icon: Ban, destructive: true }],
  dialogs: (token, dialog) => <RevokeApiTokenDialog token={token} {...dialog("revoke")} />,
};
