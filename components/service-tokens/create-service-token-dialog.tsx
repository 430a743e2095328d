"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { createServiceTokenAction } from "@/app/(dashboard)/service-tokens/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DurationField, useDurationState } from "./duration-field";
import { useSecretReveal } from "./secret-reveal";

/** "Create Service Token": name and duration, then the one-time reveal. `trigger` opens it. */
export function CreateServiceTokenDialog({ trigger }: { trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <CreateServiceTokenForm onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateServiceTokenForm({ onDone }: { onDone: () => void }) {
  const nameId = useId();
  const nameErrorId = useId();
  const reveal = useSecretReveal();
  const [name, setName] = useState("");
  const duration = useDurationState();
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; error: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const nameProblem = name.trim() === "" ? "Enter a name." : null;
  const nameError = (submitted && nameProblem) || (serverError?.field === "name" ? serverError.error : undefined);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (nameProblem || duration.problem || duration.duration === undefined) return;
    const input = { name: name.trim(), duration: duration.duration };
    startTransition(async () => {
      const result = await createServiceTokenAction(input);
      if (!result.ok) {
        setServerError(result);
        toast.error(result.error);
        return;
      }
      onDone();
      reveal({
        kind: "created",
        tokenName: result.token.name,
        clientId: result.token.clientId,
        clientSecret: result.clientSecret,
        previousSecretExpiresAt: null,
      });
      toast.success(`Service token “${result.token.name}” created`);
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>Create Service Token</DialogTitle>
        <DialogDescription>A Client ID and Client Secret for an automated system to reach your protected applications.</DialogDescription>
      </DialogHeader>
      <DialogBody>
        <Field>
          <Label htmlFor={nameId}>Name</Label>
          <Input
            id={nameId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. CI/CD token"
            maxLength={255}
            autoComplete="off"
            autoFocus
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? nameErrorId : undefined}
          />
          {nameError ? <FieldError id={nameErrorId}>{nameError}</FieldError> : <FieldHint>Shown in logs, so you can tell tokens apart.</FieldHint>}
        </Field>
        <DurationField
          label="Service Token Duration"
          state={duration}
          showEmptyError={submitted}
          serverError={serverError?.field === "duration" ? serverError.error : undefined}
        />
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
          Generate token
        </Button>
      </DialogFooter>
    </form>
  );
}
