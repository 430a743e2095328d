"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { createAppAction, replaceAppAction } from "@/app/(dashboard)/applications/actions";
import { appInputSchema, DEFAULT_SESSION_DURATION, type AppInput } from "@/lib/access/schemas";
import { DurationField, useDurationState } from "@/components/forms/duration-field";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { SwitchField } from "@/components/forms/switch-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { CopyButton } from "@/components/ui/copy-button";
import type { DialogState } from "@/components/ui/dialog-switch";
import { Field, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PolicyPicker } from "./policy-picker";
import { SESSION_DURATION } from "./session-duration";
import type { AppSummary, PolicyOption } from "./types";

/** "Create application": `trigger` opens it. */
export function CreateApplicationDialog({ trigger, policyOptions }: { trigger: React.ReactNode; policyOptions: PolicyOption[] }) {
  return (
    <FormDialog trigger={trigger} size="lg">
      {(close) => <ApplicationForm policyOptions={policyOptions} onDone={close} />}
    </FormDialog>
  );
}

export function EditApplicationDialog({ app, policyOptions, ...dialog }: DialogState & { app: AppSummary; policyOptions: PolicyOption[] }) {
  return (
    <FormDialog {...dialog} size="lg">
      {(close) => <ApplicationForm app={app} policyOptions={policyOptions} onDone={close} />}
    </FormDialog>
  );
}

const FIELDS = ["name", "domain", "session_duration", "read_service_tokens_from_header", "policies"] as const;
/** The fields checked here; the session duration checks itself (DurationField). */
const CHECKED = ["name", "domain", "read_service_tokens_from_header", "policies"] as const;
type FieldProblems = Partial<Record<(typeof CHECKED)[number], string>>;

/** The first problem of each field, as appInputSchema (the server's schema) sees the input. */
function validate(input: AppInput): FieldProblems {
  const parsed = appInputSchema.safeParse(input);
  if (parsed.success) return {};
  const problems: FieldProblems = {};
  for (const issue of parsed.error.issues) {
    const key = CHECKED.find((f) => f === issue.path[0]);
    if (!key || problems[key]) continue;
    const empty = (key === "name" || key === "domain") && input[key].trim() === "";
    problems[key] = empty ? `Enter a ${key}.` : `${FIELD_LABELS[key]} ${issue.message}.`;
  }
  return problems;
}

function ApplicationForm({ app, policyOptions, onDone }: { app?: AppSummary; policyOptions: PolicyOption[]; onDone: () => void }) {
  const form = useActionForm();
  const [name, setName] = useState(app?.name ?? "");
  const [domain, setDomain] = useState(app?.domain ?? "");
  const duration = useDurationState(SESSION_DURATION, app?.sessionDuration ?? DEFAULT_SESSION_DURATION);
  const [header, setHeader] = useState(app?.readServiceTokensFromHeader ?? "");
  const [redirect401, setRedirect401] = useState(app?.serviceAuth401Redirect ?? false);
  const [policies, setPolicies] = useState<PolicyOption[]>(app?.policies.map((p) => ({ id: p.id, name: p.name, decision: p.decision })) ?? []);

  const input: AppInput = {
    name: name.trim(),
    domain: domain.trim(),
    type: "self_hosted",
    session_duration: duration.value ?? DEFAULT_SESSION_DURATION,
    read_service_tokens_from_header: header.trim() || null,
    service_auth_401_redirect: redirect401,
    policies: policies.map((p, i) => ({ id: p.id, precedence: i + 1 })),
  };
  const problems = validate(input);

  function submit() {
    if (Object.keys(problems).length > 0 || duration.problem) return;
    form.run(
      () => (app ? replaceAppAction(app.id, input) : createAppAction(input)),
      (result) => {
        onDone();
        toast.success(app ? `Application “${result.app.name}” saved` : `Application “${result.app.name}” created`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title={app ? "Edit application" : "Create application"}
      description="A self-hosted application behind your reverse proxy. Requests to its domain are checked against its policies, in order."
      // A conflict (the domain is taken, say) names no field.
      error={form.generalError(FIELDS)}
    >
      <TextField
        label="Application name"
        value={name}
        onChange={setName}
        error={form.errorFor("name", problems.name)}
        placeholder="e.g. Internal API"
        maxLength={255}
        autoFocus={!app}
      />
      <TextField
        label={FIELD_LABELS.domain}
        value={domain}
        onChange={setDomain}
        error={form.errorFor("domain", problems.domain)}
        hint="A host, or a host and a path. The longest matching path wins when several applications share a host."
        placeholder="app.example.com or app.example.com/api"
        maxLength={512}
        mono
      />
      <DurationField
        label={FIELD_LABELS.session_duration}
        state={duration}
        hint="How long a session (the JWT issued after a successful check) lasts."
        serverError={form.errorFor("session_duration")}
        showEmptyError={form.submitted}
      />
      <PolicyPicker options={policyOptions} selected={policies} onChange={setPolicies} error={form.errorFor("policies", problems.policies)} />
      <TextField
        label={FIELD_LABELS.read_service_tokens_from_header}
        optional
        value={header}
        onChange={setHeader}
        error={form.errorFor("read_service_tokens_from_header", problems.read_service_tokens_from_header)}
        hint={
          <>
            Read the credentials from this one header, as JSON: {'{"cf-access-client-id": "…", "cf-access-client-secret": "…"}'}. Leave it empty
            to use the CF-Access-Client-Id and CF-Access-Client-Secret headers only.
          </>
        }
        placeholder="e.g. X-Service-Token"
        maxLength={255}
        mono
      />
      <SwitchField
        label={FIELD_LABELS.service_auth_401_redirect}
        description="When a Service Auth policy refuses a request, answer 401 Unauthorized instead of sending the client to a login page."
        checked={redirect401}
        onCheckedChange={setRedirect401}
      />
      {app ? <AudField aud={app.aud} /> : <FieldHint>The {FIELD_LABELS.aud}, the aud claim of its JWTs, is generated when you save.</FieldHint>}
    </DialogForm>
  );
}

function AudField({ aud }: { aud: string }) {
  const id = useId();
  return (
    <Field>
      <Label htmlFor={id}>{FIELD_LABELS.aud}</Label>
      <div className="flex items-center gap-1">
        <Input id={id} value={aud} readOnly className="bg-zinc-50 font-mono text-xs text-zinc-700" />
        <CopyButton value={aud} label="Copy AUD tag" />
      </div>
      <FieldHint>The aud claim of this application&apos;s JWTs. Fixed when the application was created.</FieldHint>
    </Field>
  );
}
