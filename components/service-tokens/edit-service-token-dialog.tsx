"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { updateServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { extendedExpiry } from "@/lib/service-tokens/duration";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldError } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { DurationField, useDurationState, type DurationState } from "./duration-field";
import type { TokenDialogProps } from "./token-dialog-props";
import type { ServiceTokenSummary } from "./types";

export function EditServiceTokenDialog({ token, open, onOpenChange, onCloseAutoFocus }: TokenDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <EditServiceTokenForm token={token} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

const expiryText = (d: Date | null) => (d ? formatDateTime(d) : "Never");

/** What the chosen "Extend by" does to the expiry, as the server will compute it. */
function ExpiryPreview({ token, duration }: { token: ServiceTokenSummary; duration: DurationState }) {
  const current = <span className="font-medium text-zinc-900">{expiryText(token.expiresAt)}</span>;
  if (duration.duration === undefined || duration.problem) return <>Expires {current}.</>;
  const next = extendedExpiry(token.expiresAt, new Date(), duration.duration);
  return (
    <>
      Expires {current} → <span className="font-medium text-zinc-900">{expiryText(next)}</span>
    </>
  );
}

function EditServiceTokenForm({ token, onDone }: { token: ServiceTokenSummary; onDone: () => void }) {
  const nameId = useId();
  const enabledId = useId();
  const [name, setName] = useState(token.name);
  const [enabled, setEnabled] = useState(token.enabled);
  const duration = useDurationState({ allowUnchanged: true });
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; error: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const nameError = (submitted && name.trim() === "" ? "Enter a name." : undefined) ?? (serverError?.field === "name" ? serverError.error : undefined);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (name.trim() === "" || duration.problem) return;
    const input: { name?: string; duration?: string; enabled?: boolean } = {};
    if (name.trim() !== token.name) input.name = name.trim();
    if (duration.duration !== undefined && duration.duration !== token.duration) input.duration = duration.duration;
    if (enabled !== token.enabled) input.enabled = enabled;
    if (Object.keys(input).length === 0) {
      onDone();
      toast.info("No changes to save");
      return;
    }
    startTransition(async () => {
      const result = await updateServiceTokenAction(token.id, input);
      if (!result.ok) {
        setServerError(result);
        toast.error(result.error);
        return;
      }
      onDone();
      toast.success("Service token updated");
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>Edit service token</DialogTitle>
        <DialogDescription>Rename it, extend its lifetime or turn it off. The Client ID and Client Secret stay the same.</DialogDescription>
      </DialogHeader>
      <DialogBody>
        <Field>
          <Label htmlFor={nameId}>Name</Label>
          <Input
            id={nameId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={255}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
          />
          <FieldError>{nameError}</FieldError>
        </Field>
        <div className="grid gap-2">
          <DurationField
            label="Extend by"
            state={duration}
            allowUnchanged
            currentDuration={token.duration}
            showEmptyError={submitted}
            serverError={serverError?.field === "duration" ? serverError.error : undefined}
          />
          <p className="text-xs text-zinc-600" aria-live="polite">
            <ExpiryPreview token={token} duration={duration} />
          </p>
        </div>
        <div className="flex items-start justify-between gap-4 rounded-lg border border-zinc-200 px-4 py-3">
          <div className="grid gap-0.5">
            <Label htmlFor={enabledId}>Enabled</Label>
            <p className="text-xs text-zinc-500">When off, neither secret authenticates and sessions issued from this token stop working.</p>
          </div>
          <Switch id={enabledId} checked={enabled} onCheckedChange={setEnabled} />
        </div>
        {serverError && serverError.field !== "name" && serverError.field !== "duration" ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {serverError.error}
          </p>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
