"use client";

import { useEffect, useState } from "react";
import { toast } from "sonner";
import { serviceTokenUsageAction } from "@/app/(dashboard)/policies/actions";
import { deleteServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { ServiceTokenUsageSummary } from "@/components/policies/service-token-usage";
import type { ServiceTokenUsage } from "@/components/policies/types";
import { ConfirmDialog, ConfirmSubject, LastUsedNote } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { Skeleton } from "@/components/ui/skeleton";
import type { ServiceTokenSummary } from "./types";

type UsageState = { status: "loading" } | { status: "loaded"; usage: ServiceTokenUsage } | { status: "failed"; error: string };

/**
 * Where the token is used, read each time the dialog opens (policies change while a page stays
 * open). Until the answer for this token and this opening arrives, it is "loading", never the
 * answer of an earlier one.
 */
function useTokenUsage(tokenId: string, open: boolean): UsageState {
  const asked = open ? tokenId : null;
  const [answered, setAnswered] = useState<string | null>(asked);
  const [state, setState] = useState<UsageState>({ status: "loading" });
  if (answered !== asked) {
    setAnswered(asked);
    setState({ status: "loading" });
  }
  useEffect(() => {
    if (asked === null) return;
    let current = true;
    serviceTokenUsageAction(asked).then(
      (result) => current && setState(result.ok ? { status: "loaded", usage: result.usage } : { status: "failed", error: result.error }),
      () => current && setState({ status: "failed", error: "Could not check where this token is used." }),
    );
    return () => {
      current = false;
    };
  }, [asked]);
  return state;
}

export function DeleteServiceTokenDialog({ token, onDeleted, ...dialog }: DialogState & { token: ServiceTokenSummary; onDeleted: () => void }) {
  const usage = useTokenUsage(token.id, dialog.open);
  return (
    <ConfirmDialog
      {...dialog}
      title="Delete service token"
      description={
        <>
          Delete <ConfirmSubject>{token.name}</ConfirmSubject>? It stops working immediately: services that send it can no longer reach your
          applications. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      destructive
      action={() => deleteServiceTokenAction(token.id)}
      onDone={(result) => {
        onDeleted();
        toast.success(`Service token “${result.name}” deleted`);
      }}
    >
      {usage.status === "loading" ? (
        <div role="status" aria-label="Checking where this token is used" className="grid gap-2 rounded-md border border-zinc-200 px-3 py-2.5">
          <Skeleton className="h-3.5 w-3/4" />
          <Skeleton className="h-3.5 w-1/2" />
        </div>
      ) : usage.status === "loaded" ? (
        <ServiceTokenUsageSummary usage={usage.usage} />
      ) : (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{usage.error}</p>
      )}
      <LastUsedNote at={token.lastSeenAt} />
    </ConfirmDialog>
  );
}
