"use client";

import { AlertDialog as AlertDialogPrimitive } from "radix-ui";
import { useTransition } from "react";
import { toast } from "sonner";
import type { FormFailure, FormResult } from "@/lib/forms";
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "./alert-dialog";
import { Button } from "./button";
import { cn } from "./cn";
import { DialogBody, DialogFooter, DialogHeader } from "./dialog";
import { useOpenState, type DialogState } from "./dialog-switch";
import { formatDateTime, formatRelative } from "./format";

type Success<R> = Extract<R, { ok: true }>;

/**
 * The confirmation before a change (delete, revoke, refresh, rotate, end a grace period): a title,
 * what will happen, optional details, Cancel and the confirming button. The dialog stays open
 * while `action` runs and cannot be dismissed meanwhile; a refusal is toasted and leaves it open,
 * a success closes it and then calls `onDone`.
 *
 * Controlled through `open`/`onOpenChange` (a menu or a row of buttons opens it), or opened by
 * its own `trigger`, which then gets focus back when it closes.
 */
export function ConfirmDialog<R extends FormResult>({
  open: openProp,
  onOpenChange,
  onCloseAutoFocus,
  trigger,
  title,
  description,
  children,
  confirmLabel,
  destructive = false,
  confirmDisabled = false,
  action,
  onDone,
  failureMessage,
}: Partial<DialogState> & {
  trigger?: React.ReactNode;
  title: string;
  description: React.ReactNode;
  /** Details below the description: what the change affects, when the object was last used. */
  children?: React.ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  confirmDisabled?: boolean;
  action: () => Promise<R>;
  onDone: (result: Success<R>) => void;
  /** What to toast instead of the server's message when the action is refused. */
  failureMessage?: (failure: FormFailure) => string;
}) {
  const [open, setOpen] = useOpenState(openProp, onOpenChange);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        toast.error(failureMessage?.(result) ?? result.error);
        return;
      }
      setOpen(false);
      onDone(result as Success<R>);
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      {trigger ? <AlertDialogPrimitive.Trigger asChild>{trigger}</AlertDialogPrimitive.Trigger> : null}
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader className={children ? undefined : "pb-4"}>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </DialogHeader>
        {children ? <DialogBody className="pt-2">{children}</DialogBody> : null}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant={destructive ? "destructive" : "primary"} onClick={confirm} pending={pending} disabled={confirmDisabled}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** The name of the object a confirmation is about, set off in its sentence; a long name without spaces wraps instead of widening the dialog. */
export function ConfirmSubject({ children, className }: { children: React.ReactNode; className?: string }) {
  return <span className={cn("font-medium [overflow-wrap:anywhere] text-zinc-900", className)}>{children}</span>;
}

/** A details box of a confirmation: `note` (grey) for facts, `warning` (amber) for what else is affected. */
export function ConfirmNote({ tone = "note", children }: { tone?: "note" | "warning"; children: React.ReactNode }) {
  const classes = tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-zinc-200 bg-zinc-50 text-zinc-700";
  return <div className={`rounded-md border px-3 py-2 text-sm ${classes}`}>{children}</div>;
}

/** "Last used 3 hours ago", or that it never was: what a credential's delete or revoke confirmation says of it. */
export function LastUsedNote({ at }: { at: Date | null }) {
  return (
    <ConfirmNote>
      {at ? <span title={formatDateTime(at)}>Last used {formatRelative(at, new Date())}</span> : "This token was never used."}
    </ConfirmNote>
  );
}
