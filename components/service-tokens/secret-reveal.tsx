"use client";

import { createContext, use, useState } from "react";
import { formatDateTime } from "@/components/ui/format";
import { OneTimeRevealContent, OneTimeRevealDialog, RevealValue } from "@/components/ui/one-time-reveal";

// The one-time reveal of a Client Secret, after a create or a rotation (ui/one-time-reveal.tsx).
// The provider sits in the service-tokens layout so that the dialog survives the list re-rendering
// (the empty state turning into a table, a row moving).

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

export function SecretRevealDialog({ reveal, onClose }: { reveal: SecretReveal | null; onClose: () => void }) {
  return (
    <OneTimeRevealDialog open={reveal !== null} onClose={onClose} secretName="Client Secret">
      {reveal ? <RevealBody reveal={reveal} onClose={onClose} /> : null}
    </OneTimeRevealDialog>
  );
}

function RevealBody({ reveal, onClose }: { reveal: SecretReveal; onClose: () => void }) {
  const { clientId, clientSecret } = reveal;
  const headers = `CF-Access-Client-Id: ${clientId}\nCF-Access-Client-Secret: ${clientSecret}`;
  const curl = `curl -H "CF-Access-Client-Id: ${clientId}" -H "CF-Access-Client-Secret: ${clientSecret}" ${EXAMPLE_APP_URL}`;
  return (
    <OneTimeRevealContent
      title={reveal.kind === "created" ? "Service token created" : "Client secret rotated"}
      description={
        reveal.kind === "created" ? (
          <>
            <span className="font-medium text-zinc-900">{reveal.tokenName}</span> is ready. Send both headers with every request to a protected
            application.
          </>
        ) : (
          <>
            <span className="font-medium text-zinc-900">{reveal.tokenName}</span> has a new Client Secret; its Client ID is unchanged.{" "}
            {reveal.previousSecretExpiresAt
              ? `The previous secret keeps working until ${formatDateTime(reveal.previousSecretExpiresAt)}.`
              : "The previous secret no longer works."}
          </>
        )
      }
      warning="This is the only time the Client Secret will be shown. If you lose it, you must rotate or create a new token."
      onClose={onClose}
    >
      <RevealValue label="Client ID" value={clientId} copyLabel="Copy Client ID" />
      <RevealValue label="Client Secret" value={clientSecret} copyLabel="Copy Client Secret" secret />
      <RevealValue label="Request headers" value={headers} copyLabel="Copy headers" multiline secret />
      <RevealValue label="Example request" value={curl} copyLabel="Copy curl command" multiline secret />
    </OneTimeRevealContent>
  );
}
