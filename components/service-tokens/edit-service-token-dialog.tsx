"use client";

import { useState } from "react";
import { toast } from "sonner";
import { updateServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { extendedExpiry } from "@/lib/service-tokens/duration";
import { DurationField, useDurationState, type DurationState } from "@/components/forms/duration-field";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { SwitchField } from "@/components/forms/switch-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { DialogState } from "@/components/ui/dialog-switch";
import { formatDateTime } from "@/components/ui/format";
import { TOKEN_DURATION } from "./token-duration";
import type { ServiceTokenSummary } from "./types";

export function EditServiceTokenDialog({ token, ...dialog }: DialogState & { token: ServiceTokenSummary }) {
  return <FormDialog {...dialog}>{(close) => <EditServiceTokenForm token={token} onDone={close} />}</FormDialog>;
}

const expiryText = (d: Date | null) => (d ? formatDateTime(d) : "Never");

/** What the chosen "Extend by" does to the expiry, as the server will compute it. */
function ExpiryPreview({ token, duration }: { token: ServiceTokenSummary; duration: DurationState }) {
  const current = <span className="font-medium text-zinc-900">{expiryText(token.expiresAt)}</span>;
  if (duration.value === null || duration.problem) return <>Expires {current}.</>;
  const next = extendedExpiry(token.expiresAt, new Date(), duration.value);
  return (
    <>
      Expires {current} → <span className="font-medium text-zinc-900">{expiryText(next)}</span>
    </>
  );
}

function EditServiceTokenForm({ token, onDone }: { token: ServiceTokenSummary; onDone: () => void }) {
  const form = useActionForm();
  const [name, setName] = useState(token.name);
  const [enabled, setEnabled] = useState(token.enabled);
  // Starts on "Leave unchanged".
  const duration = useDurationState(TOKEN_DURATION, null);

  const nameProblem = name.trim() === "" ? "Enter a name." : null;

  function submit() {
    if (nameProblem || duration.problem) return;
    const input: { name?: string; duration?: string; enabled?: boolean } = {};
    if (name.trim() !== token.name) input.name = name.trim();
    if (duration.value !== null && duration.value !== token.duration) input.duration = duration.value;
    if (enabled !== token.enabled) input.enabled = enabled;
    if (Object.keys(input).length === 0) {
      onDone();
      toast.info("No changes to save");
      return;
    }
    form.run(
      () => updateServiceTokenAction(token.id, input),
      () => {
        onDone();
        toast.success("Service token updated");
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Edit service token"
      description="Rename it, extend its lifetime or turn it off. The Client ID and Client Secret stay the same."
      error={form.generalError(["name", "duration"])}
    >
      <TextField label={FIELD_LABELS.name} value={name} onChange={setName} error={form.errorFor("name", nameProblem)} maxLength={255} />
      <div className="grid gap-2">
        <DurationField
          label="Extend by"
          state={duration}
          none="Leave unchanged"
          currentDuration={token.duration}
          showEmptyError={form.submitted}
          serverError={form.errorFor("duration")}
        />
        <p className="text-xs text-zinc-600" aria-live="polite">
          <ExpiryPreview token={token} duration={duration} />
        </p>
      </div>
      <SwitchField
        label="Enabled"
        description="When off, neither secret authenticates and sessions issued from this token stop working."
        checked={enabled}
        onCheckedChange={setEnabled}
      />
    </DialogForm>
  );
}
