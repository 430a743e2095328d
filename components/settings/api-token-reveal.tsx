"use client";

import { createContext, use, useState } from "react";
import type { PermissionGroup } from "@/lib/auth/permissions";
import { OneTimeRevealContent, OneTimeRevealDialog, RevealValue } from "@/components/ui/one-time-reveal";
import { AccountIdValues } from "./account-id";

// The one-time reveal of an API token (ui/one-time-reveal.tsx). The provider sits in the API Tokens
// layout so that the dialog survives the list re-rendering.

export interface ApiTokenReveal {
  tokenName: string;
  value: string;
  permissions: readonly PermissionGroup[];
}

const RevealContext = createContext<((reveal: ApiTokenReveal) => void) | null>(null);

/** `publicUrl`: where the REST API is reached, and `accountId` the account it names, for the example request. */
export function ApiTokenRevealProvider({ publicUrl, accountId, children }: { publicUrl: string; accountId: string; children: React.ReactNode }) {
  const [reveal, setReveal] = useState<ApiTokenReveal | null>(null);
  return (
    <RevealContext value={setReveal}>
      {children}
      <OneTimeRevealDialog open={reveal !== null} onClose={() => setReveal(null)} secretName="API token">
        {reveal ? <RevealBody reveal={reveal} publicUrl={publicUrl} accountId={accountId} onClose={() => setReveal(null)} /> : null}
      </OneTimeRevealDialog>
    </RevealContext>
  );
}

export function useApiTokenReveal(): (reveal: ApiTokenReveal) => void {
  const show = use(RevealContext);
  if (!show) throw new Error("useApiTokenReveal must be used inside <ApiTokenRevealProvider>");
  return show;
}

function RevealBody({ reveal, publicUrl, accountId, onClose }: { reveal: ApiTokenReveal; publicUrl: string; accountId: string; onClose: () => void }) {
  return (
    <OneTimeRevealContent
      title="API token created"
      description={
        <>
          <span className="font-medium text-zinc-900">{reveal.tokenName}</span> is ready. Send it as a bearer token with every request to the REST
          API, whose paths name this account by its ID.
        </>
      }
      warning="This is the only time the token will be shown. If you lose it, revoke it and create a new one."
      onClose={onClose}
    >
      <RevealValue label="API token" value={reveal.value} copyLabel="Copy API token" secret />
      <AccountIdValues publicUrl={publicUrl} accountId={accountId} token={reveal.value} permissions={reveal.permissions} />
    </OneTimeRevealContent>
  );
}
