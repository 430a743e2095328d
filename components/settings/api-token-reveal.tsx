"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { createContext, use, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

// The one-time reveal of an API token, the same way as a Client Secret's (service-tokens/secret-reveal):
// the value lives only in this provider's state while the dialog is open, and closing clears it.
// The provider sits in the API Tokens layout so that the dialog survives the list re-rendering.

export interface ApiTokenReveal {
  tokenName: string;
  value: string;
}

const RevealContext = createContext<((reveal: ApiTokenReveal) => void) | null>(null);

/** `publicUrl`: where the REST API is reached, for the example request. */
export function ApiTokenRevealProvider({ publicUrl, children }: { publicUrl: string; children: React.ReactNode }) {
  const [reveal, setReveal] = useState<ApiTokenReveal | null>(null);
  return (
    <RevealContext value={setReveal}>
      {children}
      <Dialog open={reveal !== null} onOpenChange={(open) => !open && setReveal(null)}>
        {reveal ? (
          <DialogContent
            size="lg"
            // A stray click outside must not throw the only copy of the token away; Escape and Close do.
            onPointerDownOutside={(e) => e.preventDefault()}
            onInteractOutside={(e) => e.preventDefault()}
          >
            <RevealBody reveal={reveal} publicUrl={publicUrl} onClose={() => setReveal(null)} />
          </DialogContent>
        ) : null}
      </Dialog>
    </RevealContext>
  );
}

export function useApiTokenReveal(): (reveal: ApiTokenReveal) => void {
  const show = use(RevealContext);
  if (!show) throw new Error("useApiTokenReveal must be used inside <ApiTokenRevealProvider>");
  return show;
}

function ValueRow({ label, value, copyLabel, multiline = false }: { label: string; value: string; copyLabel: string; multiline?: boolean }) {
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

function RevealBody({ reveal, publicUrl, onClose }: { reveal: ApiTokenReveal; publicUrl: string; onClose: () => void }) {
  const curl = `curl -H "Authorization: Bearer ${reveal.value}" ${publicUrl}/client/v4/user/tokens/verify`;
  return (
    <>
      <DialogHeader>
        <DialogTitle>API token created</DialogTitle>
        <DialogDescription>
          <span className="font-medium text-zinc-900">{reveal.tokenName}</span> is ready. Send it as a bearer token with every request to the
          REST API.
        </DialogDescription>
      </DialogHeader>
      <DialogBody>
        <div role="alert" className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <TriangleExclamationPoint className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          <p className="font-medium">This is the only time the token will be shown. If you lose it, revoke it and create a new one.</p>
        </div>
        <ValueRow label="API token" value={reveal.value} copyLabel="Copy API token" />
        <ValueRow label="Test this token" value={curl} copyLabel="Copy curl command" multiline />
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose}>Close</Button>
      </DialogFooter>
    </>
  );
}
