"use client";

import { KeyRound, ShieldUser, Trash2 } from "lucide-react";
import type { RowActions } from "@/components/data-table/row-actions";
import { ChangeRoleDialog } from "./change-role-dialog";
import { RemoveAdminDialog } from "./remove-admin-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import type { AdminSummary } from "./types";

/** The "…" menu of the administrators table; `currentAdminId` is the signed-in administrator. */
export function adminRowActions(currentAdminId: string): RowActions<AdminSummary, "role" | "password" | "remove"> {
  return {
    label: (admin) => `Actions for ${admin.email}`,
    menuClassName: "w-48",
    items: () => [
      { action: "role", label: "Change role", icon: ShieldUser },
      { action: "password", label: "Reset password", icon: KeyRound },
      "separator",
      { action: "remove", label: "Remove", icon: Trash2, destructive: true },
    ],
    dialogs: (admin, dialog) => (
      <>
        <ChangeRoleDialog admin={admin} self={admin.id === currentAdminId} {...dialog("role")} />
        <ResetPasswordDialog admin={admin} {...dialog("password")} />
        <RemoveAdminDialog admin={admin} self={admin.id === currentAdminId} {...dialog("remove")} />
      </>
    ),
  };
}
