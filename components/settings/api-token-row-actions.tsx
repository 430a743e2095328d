"use client";

import { Ban, Ellipsis } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { RevokeApiTokenDialog } from "./revoke-api-token-dialog";
import type { ApiTokenSummary } from "./types";

export function ApiTokenRowActions({ token }: { token: ApiTokenSummary }) {
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* Not modal: a modal menu that opens a modal dialog can leave the page inert. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="ghost" size="icon" aria-label={`Actions for ${token.name}`} className="text-zinc-500 data-[state=open]:bg-zinc-100">
            <Ellipsis className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-44">
          <DropdownMenuItem destructive onSelect={() => setOpen(true)}>
            <Ban aria-hidden />
            Revoke
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <RevokeApiTokenDialog
        token={token}
        open={open}
        onOpenChange={setOpen}
        onCloseAutoFocus={(event) => {
          if (!trigger.current) return;
          event.preventDefault();
          trigger.current.focus();
        }}
      />
    </>
  );
}
