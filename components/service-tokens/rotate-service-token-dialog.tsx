"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { rotateServiceTokenSecretAction } from "@/app/(dashboard)/service-tokens/actions";
import { ROTATION_GRACE_CHOICES } from "@/lib/service-tokens/schemas";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import { useSecretReveal } from "./secret-reveal";
import type { TokenDialogProps } from "./token-dialog-props";
import type { ServiceTokenSummary } from "./types";

/** A day's overlap is enough to roll a new secret out to most deployments. */
const DEFAULT_GRACE_HOURS = 24;

export function RotateServiceTokenDialog({ token, open, onOpenChange, onCloseAutoFocus }: TokenDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <RotateForm token={token} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function RotateForm({ token, onDone }: { token: ServiceTokenSummary; onDone: () => void }) {
  const groupId = useId();
  const reveal = useSecretReveal();
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);
  const [pending, startTransition] = useTransition();
  const now = new Date();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await rotateServiceTokenSecretAction(token.id, { graceHours });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      onDone();
      reveal({
        kind: "rotated",
        tokenName: result.token.name,
        clientId: result.token.clientId,
        clientSecret: result.clientSecret,
        previousSecretExpiresAt: result.token.previousSecretExpiresAt,
      });
      toast.success("Client secret rotated");
    });
  }

  return (
    <form onSubmit={submit}>
      <DialogHeader>
        <DialogTitle>Rotate client secret</DialogTitle>
        <DialogDescription>
          Generate a new Client Secret for <span className="font-medium text-zinc-900">{token.name}</span>. The Client ID stays the same.
          The current secret keeps working until the end of the grace period you choose, so you can roll the new one out first.
        </DialogDescription>
      </DialogHeader>
      <DialogBody>
        <fieldset className="grid gap-2" aria-describedby={`${groupId}-hint`}>
          <legend className="mb-2 text-sm font-medium text-zinc-800">Keep the current secret working</legend>
          {ROTATION_GRACE_CHOICES.map((choice) => {
            const id = `${groupId}-${choice.hours}`;
            const checked = graceHours === choice.hours;
            return (
              <label
                key={choice.hours}
                htmlFor={id}
                className={cn(
                  "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500",
                  checked ? "border-blue-500 bg-blue-50/60" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
                )}
              >
                <input
                  id={id}
                  type="radio"
                  name="grace"
                  value={choice.hours}
                  checked={checked}
                  onChange={() => setGraceHours(choice.hours)}
                  className="size-4 accent-blue-600 outline-none"
                />
                <span className="text-sm font-medium text-zinc-900">{choice.label}</span>
                <span className="ml-auto text-xs text-zinc-500">
                  {choice.hours === 0 ? "The current secret stops working now" : `Until ${formatDateTime(new Date(now.getTime() + choice.hours * 3_600_000))}`}
                </span>
              </label>
            );
          })}
        </fieldset>
        <p id={`${groupId}-hint`} className="text-xs text-zinc-500">
          The new secret is shown once, right after the rotation.
        </p>
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Rotate
        </Button>
      </DialogFooter>
    </form>
  );
}
