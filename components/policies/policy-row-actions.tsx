"use client";

import { Pencil, Trash } from "lucide-react";
import type { RowActions } from "@/components/data-table/row-actions";
import { DeletePolicyDialog } from "./delete-policy-dialog";
import { EditPolicyDialog } from "./policy-form-dialog";
import type { PolicyRow, ServiceTokenOption } from "./types";

/** The "…" menu of the policies table; given only to administrators who may change policies. */
export function policyRowActions(tokenOptions: ServiceTokenOption[]): RowActions<PolicyRow, "edit" | "delete"> {
  return {
    label: (policy) => `Actions for ${policy.name}`,
    menuClassName: "w-48",
    items: () => [{ action: "edit", label: "Edit", icon: Pencil }, "separator", { action: "delete", label: "Delete", icon: Trash, destructive: true }],
    dialogs: (policy, dialog) => (
      <>
        <EditPolicyDialog policy={policy} tokenOptions={tokenOptions} {...dialog("edit")} />
        <DeletePolicyDialog policy={policy} {...dialog("delete")} />
      </>
    ),
  };
}
