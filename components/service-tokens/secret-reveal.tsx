"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { createContext, use, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";

// The one-time reveal of a Client Secret, after a create or a rotation. The secret lives only in
// this provider's state while the dialog is open: closing clears it, so it is then nowhere in
// the DOM, the URL or React state. The provider sits in the service-tokens layout so that the
// dialog survives the list re-rendering (the empty state turning into a table, a row moving).

export interface SecretReveal {
  kind: "created" | "rotated";
  tokenName: string;
  clientId: string;
  clientSecret: string;
  /** After a rotation with a grace period: until when the old secret still works. */
  previousSecretExpiresAt: Date | null;
}

const RevealContext = createContext<((reveal: SecretReveal) => void) | null>(null);

export function SecretRevealProvider({ children }: { children: React.ReactNode }) {
  const [reveal, setReveal] = useState<SecretReveal | null>(null);
  return (
    <RevealContext value={setReveal}>
      {children}
      <SecretRevealDialog reveal={reveal} onClose={() => setReveal(null)} />
    </RevealContext>
  );
}

export function useSecretReveal(): (reveal: SecretReveal) => void {
  const show = use(RevealContext);
  if (!show) throw new Error("useSecretReveal must be used inside <SecretRevealProvider>");
  return show;
}

export const EXAMPLE_APP_URL = "https://app.example.com";

function SecretRow({ label, value, copyLabel, multiline = false }: { label: string; value: string; copyLabel: string; multiline?: boolean }) {
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

export function SecretRevealDialog({ reveal, onClose }: { reveal: SecretReveal | null; onClose: () => void }) {
  return (
    <Dialog open={reveal !== null} onOpenChange={(open) => !open && onClose()}>
      {reveal ? (
        <DialogContent
          size="lg"
          // A stray click outside must not throw the only copy of the secret away; Escape and Close do.
          onPointerDownOutside={(e) => e.preventDefault()}
          onInteractOutside={(e) => e.preventDefault()}
        >
          <RevealBody reveal={reveal} onClose={onClose} />
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

function RevealBody({ reveal, onClose }: { reveal: SecretReveal; onClose: () => void }) {
  const { clientId, clientSecret } = reveal;
  const headers = `CF-Access-Client-Id: ${clientId}\nCF-Access-Client-Secret: ${clientSecret}`;
  const curl = `curl -H "CF-Access-Client-Id: ${clientId}" -H "CF-Access-Client-Secret: ${clientSecret}" ${EXAMPLE_APP_URL}`;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{reveal.kind === "created" ? "Service token created" : "Client secret rotated"}</DialogTitle>
        <DialogDescription>
          {reveal.kind === "created" ? (
            <>
              <span className="font-medium text-zinc-900">{reveal.tokenName}</span> is ready. Send both headers with every request to a
              protected application.
            </>
          ) : (
            <>
              <span className="font-medium text-zinc-900">{reveal.tokenName}</span> has a new Client Secret; its Client ID is unchanged.{" "}
              {reveal.previousSecretExpiresAt
                ? `The previous secret keeps working until ${formatDateTime(reveal.previousSecretExpiresAt)}.`
                : "The previous secret no longer works."}
            </>
          )}
        </DialogDescription>
      </DialogHeader>
      <DialogBody>
        <div role="alert" className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <TriangleExclamationPoint className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          <p className="font-medium">This is the only time the Client Secret will be shown. If you lose it, you must rotate or create a new token.</p>
        </div>
        <SecretRow label="Client ID" value={clientId} copyLabel="Copy Client ID" />
        <SecretRow label="Client Secret" value={clientSecret} copyLabel="Copy Client Secret" />
        <SecretRow label="Request headers" value={headers} copyLabel="Copy headers" multiline />
        <SecretRow label="Example request" value={curl} copyLabel="Copy curl command" multiline />
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose}>Close</Button>
      </DialogFooter>
    </>
  );
}
