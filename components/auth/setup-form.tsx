"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createFirstAdminAction } from "@/app/(auth)/setup/actions";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldHint, FormAlert } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AuthCard } from "./auth-card";

export function SetupForm({ minPasswordLength }: { minPasswordLength: number }) {
  const router = useRouter();
  const ids = { email: useId(), password: useId(), confirm: useId() };
  const [failure, setFailure] = useState<{ error: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") };
    setFailure(null);
    if (input.password !== input.confirm) {
      setFailure({ error: "The passwords do not match.", field: "confirm" });
      return;
    }
    startTransition(async () => {
      const result = await createFirstAdminAction(input);
      if (!result.ok) {
        setFailure(result);
        return;
      }
      const session = await signIn("credentials", { redirect: false, email: input.email, password: input.password });
      router.replace(session?.ok ? "/service-tokens" : "/sign-in");
      router.refresh();
    });
  }

  const fieldError = (field: string) => (failure?.field === field ? failure.error : undefined);
  const general = failure && !["email", "password", "confirm"].includes(failure.field ?? "") ? failure.error : null;

  return (
    <AuthCard title="Create the first administrator" description="No administrator exists yet. This account becomes the Super Administrator.">
      <form onSubmit={submit} className="grid gap-4" noValidate>
        <Field>
          <Label htmlFor={ids.email}>Email</Label>
          <Input id={ids.email} name="email" type="email" autoComplete="username" required autoFocus aria-invalid={fieldError("email") ? true : undefined} />
          <FieldError>{fieldError("email")}</FieldError>
        </Field>
        <Field>
          <Label htmlFor={ids.password}>Password</Label>
          <Input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={minPasswordLength}
            aria-invalid={fieldError("password") ? true : undefined}
          />
          {fieldError("password") ? <FieldError>{fieldError("password")}</FieldError> : <FieldHint>At least {minPasswordLength} characters.</FieldHint>}
        </Field>
        <Field>
          <Label htmlFor={ids.confirm}>Confirm password</Label>
          <Input id={ids.confirm} name="confirm" type="password" autoComplete="new-password" required aria-invalid={fieldError("confirm") ? true : undefined} />
          <FieldError>{fieldError("confirm")}</FieldError>
        </Field>
        {general ? (
          <FormAlert>
            {general}
            {general.includes("already exists") ? (
              <>
                {" "}
                <Link href="/sign-in" className="font-medium underline">
                  Go to sign-in
                </Link>
              </>
            ) : null}
          </FormAlert>
        ) : null}
        <Button type="submit" pending={pending} className="mt-1 w-full">
          Create administrator
        </Button>
      </form>
    </AuthCard>
  );
}
