"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { createAppAction, replaceAppAction } from "@/app/(dashboard)/applications/actions";
import { appInputSchema, DEFAULT_SESSION_DURATION, type AppInput } from "@/lib/access/schemas";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { PolicyPicker } from "./policy-picker";
import { SessionDurationField, useSessionDurationState } from "./session-duration-field";
import type { AppDialogProps, AppSummary, PolicyOption } from "./types";

/** "Create application": `trigger` opens it. */
export function CreateApplicationDialog({ trigger, policyOptions }: { trigger: React.ReactNode; policyOptions: PolicyOption[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent size="lg">
        <ApplicationForm policyOptions={policyOptions} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

export function EditApplicationDialog({ app, policyOptions, open, onOpenChange, onCloseAutoFocus }: AppDialogProps & { policyOptions: PolicyOption[] }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg" onCloseAutoFocus={onCloseAutoFocus}>
        <ApplicationForm app={app} policyOptions={policyOptions} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

type FieldErrors = Partial<Record<"name" | "domain" | "session_duration" | "read_service_tokens_from_header" | "policies", string>>;

const sentence = (field: string, reason: string) => `${field} ${reason}.`;

/** The first problem of each field, as appInputSchema (the server's schema) sees the input. */
function validate(input: AppInput): FieldErrors {
  const parsed = appInputSchema.safeParse(input);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0]) as keyof FieldErrors;
    if (errors[key]) continue;
    if (key === "name") errors.name = input.name.trim() === "" ? "Enter a name." : sentence("Name", issue.message);
    else if (key === "domain") errors.domain = input.domain.trim() === "" ? "Enter a domain." : sentence("Domain", issue.message);
    else if (key === "read_service_tokens_from_header") errors.read_service_tokens_from_header = sentence("Header name", issue.message);
    else if (key === "policies") errors.policies = sentence("Policies", issue.message);
  }
  return errors;
}

function ApplicationForm({ app, policyOptions, onDone }: { app?: AppSummary; policyOptions: PolicyOption[]; onDone: () => void }) {
  const ids = { name: useId(), domain: useId(), header: useId(), redirect: useId(), aud: useId() };
  const [name, setName] = useState(app?.name ?? "");
  const [domain, setDomain] = useState(app?.domain ?? "");
  const duration = useSessionDurationState(app?.sessionDuration ?? DEFAULT_SESSION_DURATION);
  const [header, setHeader] = useState(app?.readServiceTokensFromHeader ?? "");
  const [redirect401, setRedirect401] = useState(app?.serviceAuth401Redirect ?? false);
  const [policies, setPolicies] = useState<PolicyOption[]>(app?.policies.map((p) => ({ id: p.id, name: p.name, decision: p.decision })) ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; error: string } | null>(null);
  const [pending, startTransition] = useTransition();

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
  const shown = submitted ? problems : {};
  const serverFor = (field: string) => (serverError?.field === field || serverError?.field?.startsWith(`${field}.`) ? serverError.error : undefined);
  const errors = {
    name: shown.name ?? serverFor("name"),
    domain: shown.domain ?? serverFor("domain"),
    header: shown.read_service_tokens_from_header ?? serverFor("read_service_tokens_from_header"),
    policies: shown.policies ?? serverFor("policies"),
  };
  // A conflict (the domain is taken, say) names no field.
  const shownFields = ["name", "domain", "session_duration", "read_service_tokens_from_header", "policies"];
  const generalError = serverError && !shownFields.some((f) => serverFor(f)) ? serverError.error : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(problems).length > 0 || duration.problem) return;
    startTransition(async () => {
      const result = app ? await replaceAppAction(app.id, input) : await createAppAction(input);
      if (!result.ok) {
        setServerError(result);
        toast.error(result.error);
        return;
      }
      onDone();
      toast.success(app ? `Application “${result.app.name}” saved` : `Application “${result.app.name}” created`);
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>{app ? "Edit application" : "Create application"}</DialogTitle>
        <DialogDescription>
          A self-hosted application behind your reverse proxy. Requests to its domain are checked against its policies, in order.
        </DialogDescription>
      </DialogHeader>
      <DialogBody>
        <Field>
          <Label htmlFor={ids.name}>Application name</Label>
          <Input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Internal API"
            maxLength={255}
            autoComplete="off"
            autoFocus={!app}
            aria-invalid={errors.name ? true : undefined}
          />
          <FieldError>{errors.name}</FieldError>
        </Field>
        <Field>
          <Label htmlFor={ids.domain}>Domain</Label>
          <Input
            id={ids.domain}
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            placeholder="app.example.com or app.example.com/api"
            maxLength={512}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            aria-invalid={errors.domain ? true : undefined}
          />
          {errors.domain ? (
            <FieldError>{errors.domain}</FieldError>
          ) : (
            <FieldHint>A host, or a host and a path. The longest matching path wins when several applications share a host.</FieldHint>
          )}
        </Field>
        <SessionDurationField
          state={duration}
          hint="How long a session (the JWT issued after a successful check) lasts."
          serverError={serverFor("session_duration")}
          showEmptyError={submitted}
        />
        <PolicyPicker options={policyOptions} selected={policies} onChange={setPolicies} error={errors.policies} />
        <Field>
          <Label htmlFor={ids.header}>
            Single header name <span className="font-normal text-zinc-500">(optional)</span>
          </Label>
          <Input
            id={ids.header}
            value={header}
            onChange={(e) => setHeader(e.target.value)}
            placeholder="e.g. X-Service-Token"
            maxLength={255}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            aria-invalid={errors.header ? true : undefined}
          />
          {errors.header ? (
            <FieldError>{errors.header}</FieldError>
          ) : (
            <FieldHint>
              Read the credentials from this one header, as JSON: {'{"cf-access-client-id": "…", "cf-access-client-secret": "…"}'}. Leave it
              empty to use the CF-Access-Client-Id and CF-Access-Client-Secret headers only.
            </FieldHint>
          )}
        </Field>
        <div className="flex items-start justify-between gap-4 rounded-lg border border-zinc-200 px-4 py-3">
          <div className="grid gap-0.5">
            <Label htmlFor={ids.redirect}>Return 401 for Service Auth</Label>
            <p className="text-xs text-zinc-500">
              When a Service Auth policy refuses a request, answer 401 Unauthorized instead of sending the client to a login page.
            </p>
          </div>
          <Switch id={ids.redirect} checked={redirect401} onCheckedChange={setRedirect401} />
        </div>
        {app ? (
          <Field>
            <Label htmlFor={ids.aud}>Application Audience (AUD) Tag</Label>
            <div className="flex items-center gap-1">
              <Input id={ids.aud} value={app.aud} readOnly className="bg-zinc-50 font-mono text-xs text-zinc-700" />
              <CopyButton value={app.aud} label="Copy AUD tag" />
            </div>
            <FieldHint>The aud claim of this application&apos;s JWTs. Fixed when the application was created.</FieldHint>
          </Field>
        ) : (
          <FieldHint>The Application Audience (AUD) Tag, the aud claim of its JWTs, is generated when you save.</FieldHint>
        )}
        {generalError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {generalError}
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
