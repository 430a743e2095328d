"use client";

import { BellRing } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { createAlertPolicyAction, updateAlertPolicyAction } from "@/app/(dashboard)/notifications/actions";
import { createAlertPolicySchema, DEFAULT_LEAD_DAYS, type CreateAlertPolicyInput } from "@/lib/alerts/schemas";
import { CheckboxListField } from "@/components/forms/checkbox-list-field";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { SwitchField } from "@/components/forms/switch-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import { Field } from "@/components/ui/field";
import { EmailRecipientsField } from "./email-recipients-field";
import { LEAD_TIME_OPTIONS } from "./list-options";
import type { AlertPolicySummary, AlertTypeOption, WebhookOption } from "./types";

// Add, as Cloudflare's Notifications page has it: select the alert type from the available alerts,
// then name the alert, describe it, choose who gets it (the signed-in administrator by default) and
// when (7 days before expiry by default), and Save. Edit opens the second step directly.

interface PolicyFormOptions {
  alertTypes: AlertTypeOption[];
  webhookOptions: WebhookOption[];
}

/** "Add": `trigger` opens it; `defaultEmail` (the signed-in administrator) starts as the one recipient. */
export function CreateAlertPolicyDialog({ trigger, defaultEmail, ...options }: PolicyFormOptions & { trigger: React.ReactNode; defaultEmail: string }) {
  return (
    <FormDialog trigger={trigger} size="lg">
      {(close) => <CreateSteps {...options} defaultEmail={defaultEmail} onDone={close} />}
    </FormDialog>
  );
}

export function EditAlertPolicyDialog({ policy, alertTypes, webhookOptions, ...dialog }: DialogState & PolicyFormOptions & { policy: AlertPolicySummary }) {
  const type = alertTypes.find((t) => t.type === policy.alertType) ?? alertTypes[0];
  return (
    <FormDialog {...dialog} size="lg">
      {(close) => <AlertPolicyForm policy={policy} alertType={type} webhookOptions={webhookOptions} onDone={close} />}
    </FormDialog>
  );
}

function CreateSteps({ alertTypes, webhookOptions, defaultEmail, onDone }: PolicyFormOptions & { defaultEmail: string; onDone: () => void }) {
  const [chosen, setChosen] = useState<AlertTypeOption | null>(null);
  if (chosen) {
    return <AlertPolicyForm alertType={chosen} webhookOptions={webhookOptions} defaultEmail={defaultEmail} onBack={() => setChosen(null)} onDone={onDone} />;
  }
  return (
    <>
      <DialogHeader>
        <DialogTitle>Add notification</DialogTitle>
        <DialogDescription>Select the alert to be notified of.</DialogDescription>
      </DialogHeader>
      <DialogBody>
        {[...new Set(alertTypes.map((t) => t.product))].map((product) => (
          <section key={product} aria-label={product} className="grid gap-2">
            <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{product}</h3>
            <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
              {alertTypes
                .filter((t) => t.product === product)
                .map((t) => (
                  <li key={t.type} className="flex items-center gap-4 px-4 py-3">
                    <BellRing className="size-5 shrink-0 text-blue-600" aria-hidden />
                    <div className="grid min-w-0 flex-1 gap-0.5">
                      <span className="text-sm font-medium text-zinc-900">{t.displayName}</span>
                      <span className="text-xs text-zinc-500">{t.description}</span>
                    </div>
                    <Button type="button" variant="secondary" size="sm" onClick={() => setChosen(t)} aria-label={`Select ${t.displayName}`}>
                      Select
                    </Button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </DialogFooter>
    </>
  );
}

const FIELDS = ["name", "description", "mechanisms.email", "mechanisms.webhooks", "filters.days_before_expiration", "mechanisms"] as const;
type FieldProblems = Partial<Record<(typeof FIELDS)[number], string>>;

/** The first problem of each field, as the server's schema sees the input, with the field named as the form names it. */
function validate(input: CreateAlertPolicyInput): FieldProblems {
  const problems: FieldProblems = {};
  const parsed = createAlertPolicySchema.safeParse(input);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [top, list, index] = issue.path;
    const key = (top === "mechanisms" || top === "filters" ? `${top}.${String(list)}` : top) as keyof FieldProblems;
    if (!FIELDS.includes(key) || problems[key]) continue;
    if (key === "name" && input.name.trim() === "") problems.name = "Enter a name.";
    else if (key === "mechanisms.email" && typeof index === "number") problems[key] = `Email recipient ${index + 1} ${issue.message}.`;
    else problems[key] = `${FIELD_LABELS[key as keyof typeof FIELD_LABELS]} ${issue.message}.`;
  }
  const { email, webhooks } = input.mechanisms ?? {};
  if (!email?.length && !webhooks?.length) problems.mechanisms = "Add an email recipient or a webhook destination: otherwise the alert goes nowhere.";
  return problems;
}

function AlertPolicyForm({
  policy,
  alertType,
  webhookOptions,
  defaultEmail,
  onBack,
  onDone,
}: {
  policy?: AlertPolicySummary;
  alertType: AlertTypeOption;
  webhookOptions: WebhookOption[];
  defaultEmail?: string;
  onBack?: () => void;
  onDone: () => void;
}) {
  const form = useActionForm();
  const [name, setName] = useState(policy?.name ?? "");
  const [description, setDescription] = useState(policy?.description ?? "");
  const [emails, setEmails] = useState<string[]>(policy?.emailRecipients ?? (defaultEmail ? [defaultEmail] : []));
  const [draft, setDraft] = useState("");
  const [webhooks, setWebhooks] = useState<string[]>(policy?.webhookIds ?? []);
  const [leadTimes, setLeadTimes] = useState<string[]>((policy?.leadDays ?? DEFAULT_LEAD_DAYS).map(String));
  const [enabled, setEnabled] = useState(policy?.enabled ?? true);

  const typed = draft.trim();
  const recipients = typed && !emails.some((e) => e.toLowerCase() === typed.toLowerCase()) ? [...emails, typed] : emails;
  const input = {
    alert_type: alertType.type,
    name: name.trim(),
    description: description.trim(),
    enabled,
    mechanisms: { email: recipients.map((id) => ({ id })), webhooks: webhooks.map((id) => ({ id })) },
    // The token filter is the API's; the form keeps it as it is.
    filters: { days_before_expiration: leadTimes, ...(policy && policy.tokenIds.length > 0 ? { token_id: policy.tokenIds } : {}) },
  } as CreateAlertPolicyInput;
  const problems = validate(input);

  function submit() {
    if (Object.keys(problems).length > 0) return;
    form.run(
      () => (policy ? updateAlertPolicyAction(policy.id, input) : createAlertPolicyAction(input)),
      (result) => {
        onDone();
        toast.success(policy ? `Notification “${result.policy.name}” saved` : `Notification “${result.policy.name}” added`);
      },
    );
  }

  // Known webhook ids that are gone from the options (deleted meanwhile) still show, so they can be removed.
  const destinationOptions = [
    ...webhookOptions.map((w) => ({ value: w.id, label: w.name, hint: w.url })),
    ...webhooks.filter((id) => !webhookOptions.some((w) => w.id === id)).map((id) => ({ value: id, label: "Deleted destination", hint: id })),
  ];

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onBack ?? onDone}
      title={policy ? "Edit notification" : "Add notification"}
      description={
        policy
          ? "Change who is alerted, and when, before a service token expires."
          : "Alerts before a service token expires, so that an administrator can refresh it in time."
      }
      error={form.generalError(FIELDS) ?? (form.submitted ? (problems.mechanisms ?? null) : null)}
    >
      <Field>
        <span className="text-sm font-medium text-zinc-800">{FIELD_LABELS.alert_type}</span>
        <p className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-900">
          <BellRing className="size-4 text-blue-600" aria-hidden />
          {alertType.displayName}
        </p>
      </Field>
      <TextField
        label="Notification name"
        value={name}
        onChange={setName}
        error={form.errorFor("name", problems.name)}
        placeholder="e.g. Expiring service tokens"
        maxLength={255}
        autoFocus={!policy}
      />
      <TextField
        label={FIELD_LABELS.description}
        optional
        value={description}
        onChange={setDescription}
        error={form.errorFor("description", problems.description)}
        maxLength={1024}
      />
      <EmailRecipientsField
        recipients={emails}
        onChange={setEmails}
        draft={draft}
        onDraftChange={setDraft}
        error={form.errorFor("mechanisms.email", problems["mechanisms.email"])}
      />
      <CheckboxListField
        legend={FIELD_LABELS["mechanisms.webhooks"]}
        optional
        options={destinationOptions}
        selected={webhooks}
        onChange={setWebhooks}
        error={form.errorFor("mechanisms.webhooks", problems["mechanisms.webhooks"])}
        hint={
          webhookOptions.length === 0 ? (
            <>
              There are no webhook destinations yet.{" "}
              <Link href="/notifications/destinations" className="text-blue-700 hover:underline">
                Add one on the Destinations page
              </Link>{" "}
              to post alerts to Slack, Mattermost or your own receiver.
            </>
          ) : (
            "Each alert is posted to every destination chosen here."
          )
        }
        className="sm:grid-cols-2"
      />
      <CheckboxListField
        legend={FIELD_LABELS["filters.days_before_expiration"]}
        options={LEAD_TIME_OPTIONS}
        selected={leadTimes}
        onChange={setLeadTimes}
        error={form.errorFor("filters.days_before_expiration", problems["filters.days_before_expiration"])}
        hint="One alert per token and expiry at each lead time chosen. Cloudflare alerts 7 days before."
        className="grid-cols-3 sm:grid-cols-5"
      />
      <SwitchField
        label={FIELD_LABELS.enabled}
        description="A disabled notification sends nothing until it is enabled again."
        checked={enabled}
        onCheckedChange={setEnabled}
      />
    </DialogForm>
  );
}
