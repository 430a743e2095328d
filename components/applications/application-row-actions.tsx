"use client";

import { Ban, Ellipsis, ExternalLink, Pencil, Trash } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { ApplicationActionDialogs, type AppAction } from "./application-action-dialogs";
import type { AppSummary, PolicyOption } from "./types";

/** The row's "…" menu. Read-only administrators get only "View details". */
export function ApplicationRowActions({ app, policyOptions, canWrite }: { app: AppSummary; policyOptions: PolicyOption[]; canWrite: boolean }) {
  const router = useRouter();
  const trigger = useRef<HTMLButtonElement>(null);
  const [action, setAction] = useState<AppAction | null>(null);

  return (
    <>
      {/* Not modal: a modal menu that opens a modal dialog can leave the page inert. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="ghost" size="icon" aria-label={`Actions for ${app.name}`} className="text-zinc-500 data-[state=open]:bg-zinc-100">
            <Ellipsis className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-56">
          <DropdownMenuItem asChild>
            <Link href={`/applications/${app.id}`}>
              <ExternalLink aria-hidden />
              View details
            </Link>
          </DropdownMenuItem>
          {canWrite ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => setAction("edit")}>
                <Pencil aria-hidden />
                Edit
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setAction("revoke")}>
                <Ban aria-hidden />
                Revoke existing tokens
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
        <ApplicationActionDialogs
          app={app}
          policyOptions={policyOptions}
          action={action}
          onClose={() => setAction(null)}
          onDeleted={() => router.refresh()}
          returnFocusTo={trigger}
        />
      ) : null}
    </>
  );
}
