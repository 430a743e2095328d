"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./dialog";

// The one time a secret is shown (a Client Secret after a create or a rotation, an API token after
// its creation). The value lives only in the state of whoever opened the dialog, and only while it
// is open: closing clears it, so it is then nowhere in the DOM, the URL or React state.

/** The dialog; `children` (a OneTimeRevealContent) is given only while there is something to show. */
export function OneTimeRevealDialog({ open, onClose, children }: { open: boolean; onClose: () => void; children: React.ReactNode }) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      {open ? (
        <DialogContent
          size="lg"
          // A stray click outside must not throw the only copy of the secret away; Escape and Close do.
          onPointerDownOutside={(e) => e.preventDefault()}
          onInteractOutside={(e) => e.preventDefault()}
        >
          {children}
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

/** What it says: the title, the warning that this is the only time, the values to copy, Close. */
export function OneTimeRevealContent({
  title,
  description,
  warning,
  onClose,
  children,
}: {
  title: string;
  description: React.ReactNode;
  warning: string;
  onClose: () => void;
  /** RevealValue rows. */
  children: React.ReactNode;
}) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <DialogBody>
        <div role="alert" className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <TriangleExclamationPoint className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          <p className="font-medium">{warning}</p>
        </div>
        {children}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose}>Close</Button>
      </DialogFooter>
    </>
  );
}

/** One value of the reveal, selectable and with its copy button; `multiline` wraps it (a curl command). */
export function RevealValue({ label, value, copyLabel, multiline = false }: { label: string; value: string; copyLabel: string; multiline?: boolean }) {
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium text-zinc-800">{label}</span>
        <CopyButton value={value} label={copyLabel} showLabel variant="secondary" className="h-7 px-2.5 text-xs" />
      </div>
      <pre
        className={`rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] leading-relaxed text-zinc-900 select-all ${multiline ? "whitespace-pre-wrap [overflow-wrap:anywhere]" : "overflow-x-auto whitespace-nowrap"}`}
      >
        {value}
      </pre>
    </div>
  );
}
