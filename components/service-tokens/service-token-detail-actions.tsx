"use client";

import { KeyRound, Pencil, RefreshCw, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ServiceTokenActionDialogs, type TokenAction } from "./service-token-action-dialogs";
import type { ServiceTokenSummary } from "./types";

/** The token page's buttons; rendered only for administrators who may change tokens. */
export function ServiceTokenDetailActions({ token }: { token: ServiceTokenSummary }) {
  const router = useRouter();
  const [action, setAction] = useState<TokenAction | null>(null);
  const forever = token.expiresAt === null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={forever}
        title={forever ? "Non-expiring tokens do not need a refresh" : "Extend the expiry by one year"}
        onClick={() => setAction("refresh")}
      >
        <RefreshCw className="size-3.5" aria-hidden />
        Refresh
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setAction("edit")}>
        <Pencil className="size-3.5" aria-hidden />
        Edit
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setAction("rotate")}>
        <KeyRound className="size-3.5" aria-hidden />
        Rotate
      </Button>
      <Button variant="secondary" size="sm" className="text-red-600 hover:border-red-300 hover:bg-red-50 hover:text-red-700" onClick={() => setAction("delete")}>
        <Trash className="size-3.5" aria-hidden />
        Delete
      </Button>
      <ServiceTokenActionDialogs
        token={token}
        action={action}
        onClose={() => setAction(null)}
        onDeleted={() => router.replace("/service-tokens")}
      />
    </div>
  );
}
