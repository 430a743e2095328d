"use client";

import { useState } from "react";
import { toast } from "sonner";
import { createServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { DEFAULT_DURATION } from "@/lib/service-tokens/duration";
import { DurationField, useDurationState } from "@/components/forms/duration-field";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useSecretReveal } from "./secret-reveal";
import { TOKEN_DURATION } from "./token-duration";

/** "Create Service Token": name and duration, then the one-time reveal. `trigger` opens it. */
export function CreateServiceTokenDialog({ trigger }: { trigger: React.ReactNode }) {
  return <FormDialog trigger={trigger}>{(close) => <CreateServiceTokenForm onDone={close} />}</FormDialog>;
}

function CreateServiceTokenForm({ onDone }: { onDone: () => void }) {
  const reveal = useSecretReveal();
  const form = useActionForm();
  const [name, setName] = useState("");
  const duration = useDurationState(TOKEN_DURATION, DEFAULT_DURATION);

  const nameProblem = name.trim() === "" ? "Enter a name." : null;

  function submit() {
    if (nameProblem || duration.problem || duration.value === null) return;
    const input = { name: name.trim(), duration: duration.value };
    form.run(
      () => createServiceTokenAction(input),
      (result) => {
        onDone();
        reveal({
          kind: "created",
          tokenName: result.token.name,
          clientId: result.token.clientId,
          clientSecret: result.clientSecret,
          previousSecretExpiresAt: null,
        });
        toast.success(`Service token “${result.token.name}” created`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Create Service Token"
      description="A Client ID and Client Secret for an automated system to reach your protected applications."
      submitLabel="Generate token"
      error={form.generalError(["name", "duration"])}
    >
      <TextField
        label={FIELD_LABELS.name}
        value={name}
        onChange={setName}
        error={form.errorFor("name", nameProblem)}
        hint="Shown in logs, so you can tell tokens apart."
        placeholder="e.g. CI/CD token"
        maxLength={255}
        autoFocus
      />
      <DurationField label="Service Token Duration" state={duration} showEmptyError={form.submitted} serverError={form.errorFor("duration")} />
    </DialogForm>
  );
}
