"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { createContext, use, useEffect, useRef, useState } from "react";
import { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "./alert-dialog";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./dialog";

// The one time a secret is shown (a Client Secret after a create or a rotation, an API token after
// its creation). The value lives only in the state of whoever opened the dialog, and only while it
// is open: closing clears it, so it is then nowhere in the DOM, the URL or React state.
//
// Closing (Escape or Close) before a value holding the secret was copied asks first; a click
// outside never closes it. Focus then returns to the control that started it all (the Create
// button, a row's "…" button, a page's Rotate button).

interface RevealGuard {
  /** A value holding the secret was copied: closing no longer asks. */
  markCopied: () => void;
  /** Closes with `close`, after asking when the secret was not copied. */
  requestClose: (close: () => void) => void;
}

/** Where focus is while a dialog or menu holds it, not yet back on the page. */
const OVERLAYS = '[role="dialog"], [role="alertdialog"], [role="menu"]';
const SETTLE_TRIES = 20;
const SETTLE_INTERVAL_MS = 16;

const RevealGuardContext = createContext<RevealGuard | null>(null);

function useRevealGuard(): RevealGuard {
  const guard = use(RevealGuardContext);
  if (!guard) throw new Error("one-time reveal parts must be used inside <OneTimeRevealDialog>");
  return guard;
}

/**
 * The dialog; `children` (a OneTimeRevealContent) is given only while there is something to show.
 * `secretName` ("Client Secret", "API token") is what the question before closing names.
 */
export function OneTimeRevealDialog({
  open,
  onClose,
  secretName = "secret",
  children,
}: {
  open: boolean;
  onClose: () => void;
  secretName?: string;
  children: React.ReactNode;
}) {
  // The reveal follows another dialog (the Create or Rotate form) that closes in the same render
  // and hands focus back to its opener a task or two later. The reveal opens once it has (or after
  // a few hundred milliseconds at most), so that it knows where focus belongs when it closes.
  const [ready, setReady] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout>;
    const settle = () => {
      const active = document.activeElement;
      const settled = active instanceof HTMLElement && active !== document.body && !active.closest(OVERLAYS);
      if (!settled && ++tries < SETTLE_TRIES) {
        timer = setTimeout(settle, SETTLE_INTERVAL_MS);
        return;
      }
      returnTo.current = settled ? active : null;
      setReady(true);
    };
    timer = setTimeout(settle, 0);
    return () => {
      clearTimeout(timer);
      setReady(false);
    };
  }, [open]);

  const shown = open && ready;
  return (
    <Dialog open={shown}>
      {shown ? (
        <RevealPanel onClose={onClose} secretName={secretName} returnTo={returnTo}>
          {children}
        </RevealPanel>
      ) : null}
    </Dialog>
  );
}

function RevealPanel({
  onClose,
  secretName,
  returnTo,
  children,
}: {
  onClose: () => void;
  secretName: string;
  returnTo: React.RefObject<HTMLElement | null>;
  children: React.ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState<(() => void) | null>(null);
  const guard: RevealGuard = {
    markCopied: () => setCopied(true),
    requestClose: (close) => (copied ? close() : setAsking(() => close)),
  };

  return (
    <RevealGuardContext value={guard}>
      <DialogContent
        size="lg"
        // A stray click outside must not throw the only copy of the secret away.
        onPointerDownOutside={(e) => e.preventDefault()}
        onInteractOutside={(e) => e.preventDefault()}
        onEscapeKeyDown={(e) => {
          e.preventDefault();
          // While the question is open, Escape answers it ("Keep it open"). Radix gives the key
          // to a new layer a render after it appears (and after "Keep it open" took focus): an
          // Escape in that moment still reaches this layer, and must answer, not ask again.
          if (asking) setAsking(null);
          else guard.requestClose(onClose);
        }}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          // The opener, or the page's content when it is gone (an empty state that became a table).
          const target = returnTo.current?.isConnected ? returnTo.current : document.getElementById("main");
          target?.focus();
        }}
      >
        {children}
      </DialogContent>
      <AlertDialog open={asking !== null} onOpenChange={(open) => !open && setAsking(null)}>
        <AlertDialogContent>
          <DialogHeader className="pb-4">
            <AlertDialogTitle>Close without copying?</AlertDialogTitle>
            <AlertDialogDescription>
              You have not copied the {secretName}. It is shown only this once: after closing, nobody can see it again.
            </AlertDialogDescription>
          </DialogHeader>
          <DialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary" autoFocus>
                Keep it open
              </Button>
            </AlertDialogCancel>
            <Button variant="destructive" onClick={() => asking?.()}>
              Close without copying
            </Button>
          </DialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </RevealGuardContext>
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
  const guard = useRevealGuard();
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
        <Button onClick={() => guard.requestClose(onClose)}>Close</Button>
      </DialogFooter>
    </>
  );
}

/**
 * One value of the reveal, selectable and with its copy button; `multiline` wraps it (a curl
 * command); `secret` when it holds the secret, so that copying it counts as having kept it. A value
 * that is not secret may also stand on a page of its own (the account ID on Settings › General).
 */
export function RevealValue({
  label,
  value,
  copyLabel,
  multiline = false,
  secret = false,
}: {
  label: string;
  value: string;
  copyLabel: string;
  multiline?: boolean;
  secret?: boolean;
}) {
  const guard = use(RevealGuardContext);
  if (secret && !guard) throw new Error("a secret RevealValue must be inside <OneTimeRevealDialog>");
  return (
    <div className="grid min-w-0 gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-zinc-800">{label}</span>
        <CopyButton value={value} label={copyLabel} showLabel variant="secondary" className="h-7 px-2.5 text-xs" onCopied={secret ? guard?.markCopied : undefined} />
      </div>
      <pre
        className={`rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] leading-relaxed text-zinc-900 select-all ${multiline ? "whitespace-pre-wrap [overflow-wrap:anywhere]" : "overflow-x-auto whitespace-nowrap"}`}
      >
        {value}
      </pre>
    </div>
  );
}
