"use client";

import { toast } from "sonner";
import { refreshServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { refreshedExpiry } from "@/lib/service-tokens/duration";
import { ConfirmDialog, ConfirmSubject } from "@/components/ui/confirm-dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { formatDateTime } from "@/components/ui/format";
import type { ServiceTokenSummary } from "./types";

export function RefreshServiceTokenDialog({ token, ...dialog }: DialogState & { token: ServiceTokenSummary }) {
  // For display only: the server recomputes from its own clock.
  const next = refreshedExpiry(token.expiresAt, new Date());
  return (
    <ConfirmDialog
      {...dialog}
      title="Refresh service token"
      description={
        next ? (
          <>
            Extend <ConfirmSubject>{token.name}</ConfirmSubject> by one year. It will expire on <ConfirmSubject>{formatDateTime(next)}</ConfirmSubject>
            {token.expiresAt ? <> instead of {formatDateTime(token.expiresAt)}</> : null}.
          </>
        ) : (
          "Non-expiring tokens do not need a refresh."
        )
      }
      confirmLabel="Refresh"
      confirmDisabled={!next}
      action={() => refreshServiceTokenAction(token.id)}
      onDone={(result) => toast.success(result.expiresAt ? `Service token refreshed: now expires ${formatDateTime(result.expiresAt)}` : "Service token refreshed")}
    />
  );
}
