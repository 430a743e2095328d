"use client";

import { useState } from "react";
import { toast } from "sonner";
import { createWebhookAction, updateWebhookAction } from "@/app/(dashboard)/notifications/actions";
import { webhookInputSchema, type WebhookInput } from "@/lib/alerts/schemas";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { SwitchField } from "@/components/forms/switch-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { WebhookSummary } from "./types";

// A webhook destination. Its secret is write-only: the form never shows it, an empty box on Edit
// keeps the stored one, and removing it is a switch of its own.

export function CreateWebhookDialog({ trigger }: { trigger: React.ReactNode }) {
  return <FormDialog trigger={trigger}>{(close) => <WebhookForm onDone={close} />}</FormDialog>;
}

export function EditWebhookDialog({ destination, ...dialog }: DialogState & { destination: WebhookSummary }) {
  return <FormDialog {...dialog}>{(close) => <WebhookForm destination={destination} onDone={close} />}</FormDialog>;
}

const FIELDS = ["name", "url", "secret"] as const;
type FieldProblems = Partial<Record<(typeof FIELDS)[number], string>>;

function validate(input: WebhookInput): FieldProblems {
  const parsed = webhookInputSchema.safeParse(input);
  const problems: FieldProblems = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = FIELDS.find((f) => f === issue.path[0]);
    if (!key || problems[key]) continue;
    const empty = (key === "name" || key === "url") && input[key].trim() === "";
    problems[key] = empty ? `Enter a ${key === "url" ? "URL" : key}.` : `${FIELD_LABELS[key]} ${issue.message}.`;
  }
  return problems;
}

function WebhookForm({ destination, onDone }: { destination?: WebhookSummary; onDone: () => void }) {
  const form = useActionForm();
  const [name, setName] = useState(destination?.name ?? "");
  const [url, setUrl] = useState(destination?.url ?? "");
  const [secret, setSecret] = useState("");
  const [removeSecret, setRemoveSecret] = useState(false);

  // Omitted: keep the stored secret; "": remove it.
  const input: WebhookInput = {
    name: name.trim(),
    url: url.trim(),
    ...(removeSecret ? { secret: "" } : secret ? { secret } : {}),
  };
  const problems = validate(input);

  function submit() {
    if (Object.keys(problems).length > 0) return;
    form.run(
      () => (destination ? updateWebhookAction(destination.id, input) : createWebhookAction(input)),
      (result) => {
        onDone();
        toast.success(destination ? `Destination “${result.destination.name}” saved` : `Destination “${result.destination.name}” added`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title={destination ? "Edit webhook" : "Add webhook"}
      description="Alerts are posted here as JSON. A Slack or Mattermost incoming webhook shows the message's text as it is."
      error={form.generalError(FIELDS)}
    >
      <TextField
        label="Webhook name"
        value={name}
        onChange={setName}
        error={form.errorFor("name", problems.name)}
        placeholder="e.g. #ops on Slack"
        maxLength={255}
        autoFocus={!destination}
      />
      <TextField
        label={FIELD_LABELS.url}
        type="url"
        value={url}
        onChange={setUrl}
        error={form.errorFor("url", problems.url)}
        placeholder="https://hooks.slack.com/services/…"
        maxLength={2048}
        mono
      />
      {removeSecret ? null : (
        <TextField
          label={FIELD_LABELS.secret}
          optional
          type="password"
          value={secret}
          onChange={setSecret}
          error={form.errorFor("secret", problems.secret)}
          hint={
            destination?.hasSecret
              ? "Leave empty to keep the current secret. It is never shown again."
              : "Sent in the cf-webhook-auth header of every request, for your receiver to check. It is never shown again."
          }
          maxLength={1024}
          autoComplete="new-password"
          mono
        />
      )}
      {destination?.hasSecret ? (
        <SwitchField
          label="Remove the secret"
          description="Requests are sent without a cf-webhook-auth header."
          checked={removeSecret}
          onCheckedChange={setRemoveSecret}
        />
      ) : null}
    </DialogForm>
  );
}
