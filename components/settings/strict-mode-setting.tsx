"use client";

import { useId, useOptimistic, useTransition } from "react";
import { toast } from "sonner";
import { updateStrictModeAction } from "@/app/(dashboard)/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

/** The strict_service_token_auth switch; only a Super Administrator gets the switch itself. */
export function StrictModeSetting({ enabled, canChange }: { enabled: boolean; canChange: boolean }) {
  const id = useId();
  const hintId = useId();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(enabled);

  function change(next: boolean) {
    startTransition(async () => {
      setShown(next);
      const result = await updateStrictModeAction(next);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(result.strictServiceTokenAuth ? "Strict mode turned on" : "Strict mode turned off");
    });
  }

  return (
    <div className="flex items-start justify-between gap-6">
      <div className="grid max-w-2xl gap-1">
        {canChange ? (
          <Label htmlFor={id}>Strict service token authentication</Label>
        ) : (
          <p className="text-sm font-medium text-zinc-800">Strict service token authentication</p>
        )}
        <p id={hintId} className="text-sm text-zinc-600">
          When on, only Service Auth admits requests: every request must carry a service token&apos;s Client ID and Client Secret. No
          CF_Authorization cookie is issued and JWTs from earlier sessions are ignored, so a leaked session cannot be replayed.
        </p>
        {!canChange ? <p className="text-xs text-zinc-500">Only a Super Administrator can change this.</p> : null}
      </div>
      {canChange ? (
        <Switch id={id} checked={shown} onCheckedChange={change} disabled={pending} aria-describedby={hintId} />
      ) : (
        <Badge tone={enabled ? "green" : "zinc"} dot data-testid="strict-mode-state">
          {enabled ? "On" : "Off"}
        </Badge>
      )}
    </div>
  );
}
