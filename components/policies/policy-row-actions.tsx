"use client";

import { Ellipsis, Pencil, Trash } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { DeletePolicyDialog } from "./delete-policy-dialog";
import { EditPolicyDialog } from "./policy-form-dialog";
import type { PolicyRow, ServiceTokenOption } from "./types";

/** The row's "…" menu; rendered only for administrators who may change policies. */
export function PolicyRowActions({ policy, tokenOptions }: { policy: PolicyRow; tokenOptions: ServiceTokenOption[] }) {
  const trigger = useRef<HTMLButtonElement>(null);
  const [action, setAction] = useState<"edit" | "delete" | null>(null);
  const dialogProps = (kind: "edit" | "delete") => ({
    open: action === kind,
    onOpenChange: (open: boolean) => {
      if (!open) setAction(null);
    },
    onCloseAutoFocus: (event: Event) => {
      if (!trigger.current) return;
      event.preventDefault();
      trigger.current.focus();
    },
  });

  return (
    <>
      {/* Not modal: a modal menu that opens a modal dialog can leave the page inert. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="ghost" size="icon" aria-label={`Actions for ${policy.name}`} className="text-zinc-500 data-[state=open]:bg-zinc-100">
            <Ellipsis className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-48">
          <DropdownMenuItem onSelect={() => setAction("edit")}>
            <Pencil aria-hidden />
            Edit
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => setAction("delete")}>
            <Trash aria-hidden />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <EditPolicyDialog policy={policy} tokenOptions={tokenOptions} {...dialogProps("edit")} />
      <DeletePolicyDialog policy={policy} {...dialogProps("delete")} />
    </>
  );
}
