"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { rotateServiceTokenSecretAction } from "@/app/(dashboard)/service-tokens/actions";
import { ROTATION_GRACE_CHOICES } from "@/lib/service-tokens/schemas";
import { ChoiceCard } from "@/components/forms/choice-card";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import type { DialogState } from "@/components/ui/dialog-switch";
import { formatDateTime } from "@/components/ui/format";
import { useSecretReveal } from "./secret-reveal";
import type { ServiceTokenSummary } from "./types";

/** A day's overlap is enough to roll a new secret out to most deployments. */
const DEFAULT_GRACE_HOURS = 24;

export function RotateServiceTokenDialog({ token, ...dialog }: DialogState & { token: ServiceTokenSummary }) {
  return <FormDialog {...dialog}>{(close) => <RotateForm token={token} onDone={close} />}</FormDialog>;
}

function RotateForm({ token, onDone }: { token: ServiceTokenSummary; onDone: () => void }) {
  const groupId = useId();
  const reveal = useSecretReveal();
  const form = useActionForm();
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);
  const now = new Date();

  function submit() {
    form.run(
      () => rotateServiceTokenSecretAction(token.id, { graceHours }),
      (result) => {
        onDone();
        reveal({
          kind: "rotated",
          tokenName: result.token.name,
          clientId: result.token.clientId,
          clientSecret: result.clientSecret,
          previousSecretExpiresAt: result.token.previousSecretExpiresAt,
        });
        toast.success("Client secret rotated");
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Rotate client secret"
      description={
        <>
          Generate a new Client Secret for <span className="font-medium text-zinc-900">{token.name}</span>. The Client ID stays the same.
          The current secret keeps working until the end of the grace period you choose, so you can roll the new one out first.
        </>
      }
      submitLabel="Rotate"
    >
      <fieldset className="grid gap-2" aria-describedby={`${groupId}-hint`}>
        <legend className="mb-2 text-sm font-medium text-zinc-800">Keep the current secret working</legend>
        {ROTATION_GRACE_CHOICES.map((choice) => (
          <ChoiceCard key={choice.hours} type="radio" name="grace" value={choice.hours} checked={graceHours === choice.hours} onCheckedChange={() => setGraceHours(choice.hours)}>
            <span className="text-sm font-medium text-zinc-900">{choice.label}</span>
            <span className="ml-auto text-xs text-zinc-500">
              {choice.hours === 0 ? "The current secret stops working now" : `Until ${formatDateTime(new Date(now.getTime() + choice.hours * 3_600_000))}`}
            </span>
          </ChoiceCard>
        ))}
      </fieldset>
      <p id={`${groupId}-hint`} className="text-xs text-zinc-500">
        The new secret is shown once, right after the rotation.
      </p>
    </DialogForm>
  );
}
