"use client";

import { createContext, use, useState } from "react";
import { OneTimeRevealContent, OneTimeRevealDialog, RevealValue } from "@/components/ui/one-time-reveal";

// The one-time reveal of a generated password (Add administrator, Reset password). The provider
// sits in the Administrators layout so that the dialog survives the list re-rendering.

export interface AdminPasswordReveal {
  /** "added" after Add, "reset" after Reset password. */
  kind: "added" | "reset";
  email: string;
  password: string;
}

const RevealContext = createContext<((reveal: AdminPasswordReveal) => void) | null>(null);

export function AdminPasswordRevealProvider({ children }: { children: React.ReactNode }) {
  const [reveal, setReveal] = useState<AdminPasswordReveal | null>(null);
  const close = () => setReveal(null);
  return (
    <RevealContext value={setReveal}>
      {children}
      <OneTimeRevealDialog open={reveal !== null} onClose={close} secretName="password">
        {reveal ? (
          <OneTimeRevealContent
            title={reveal.kind === "added" ? "Administrator added" : "Password reset"}
            description={
              <>
                Give <span className="font-medium [overflow-wrap:anywhere] text-zinc-900">{reveal.email}</span> this password to sign in with, over a
                channel you trust.
              </>
            }
            warning="This is the only time the password will be shown. If it is lost, reset the password again."
            onClose={close}
          >
            <RevealValue label="Email" value={reveal.email} copyLabel="Copy email" multiline />
            <RevealValue label="Password" value={reveal.password} copyLabel="Copy password" secret />
          </OneTimeRevealContent>
        ) : null}
      </OneTimeRevealDialog>
    </RevealContext>
  );
}

export function useAdminPasswordReveal(): (reveal: AdminPasswordReveal) => void {
  const show = use(RevealContext);
  if (!show) throw new Error("useAdminPasswordReveal must be used inside <AdminPasswordRevealProvider>");
  return show;
}
