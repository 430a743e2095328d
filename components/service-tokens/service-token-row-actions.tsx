"use client";

import { Ellipsis, ExternalLink, KeyRound, Pencil, RefreshCw, Trash } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ServiceTokenActionDialogs, type TokenAction } from "./service-token-action-dialogs";
import type { ServiceTokenSummary } from "./types";

/** The row's "…" menu. Read-only administrators get only "View details". */
export function ServiceTokenRowActions({ token, canWrite }: { token: ServiceTokenSummary; canWrite: boolean }) {
  const router = useRouter();
  const trigger = useRef<HTMLButtonElement>(null);
  const [action, setAction] = useState<TokenAction | null>(null);
  const forever = token.expiresAt === null;

  return (
    <>
      {/* Not modal: a modal menu that opens a modal dialog can leave the page inert. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="ghost" size="icon" aria-label={`Actions for ${token.name}`} className="text-zinc-500 data-[state=open]:bg-zinc-100">
            <Ellipsis className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-56">
          <DropdownMenuItem asChild>
            <Link href={`/service-tokens/${token.id}`}>
              <ExternalLink aria-hidden />
              View details
            </Link>
          </DropdownMenuItem>
          {canWrite ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem disabled={forever} onSelect={() => setAction("refresh")}>
                <RefreshCw aria-hidden />
                <span className="grid">
                  Refresh
                  {forever ? <span className="text-xs text-zinc-500">Non-expiring tokens do not need a refresh</span> : null}
                </span>
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setAction("edit")}>
                <Pencil aria-hidden />
                Edit
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setAction("rotate")}>
                <KeyRound aria-hidden />
                Rotate
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => setAction("delete")}>
                <Trash aria-hidden />
                Delete
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {canWrite ? (
        <ServiceTokenActionDialogs
          token={token}
          action={action}
          onClose={() => setAction(null)}
          onDeleted={() => router.refresh()}
          returnFocusTo={trigger}
        />
      ) : null}
    </>
  );
}
