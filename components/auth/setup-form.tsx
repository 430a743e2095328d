"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createFirstAdminAction } from "@/app/(auth)/setup/actions";
import { confirmProblem, NewPasswordFields, newPasswordProblem } from "@/components/forms/new-password-fields";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import { AuthCard } from "./auth-card";

const FIELDS = ["email", "password", "confirm"] as const;
/** What the server checks too (an email, the password length); this only says it sooner, next to the field. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one-time set-up, driven like every dashboard form (useActionForm): after a submit each field
 * shows its own problem under it, and only a field that has one; a refusal the server names a field
 * for goes under that field, any other above the button.
 */
export function SetupForm() {
  const router = useRouter();
  const form = useActionForm();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");

  const problems = {
    email: email.trim() === "" ? "Enter an email address." : LOOKS_LIKE_EMAIL.test(email.trim()) ? null : "Enter an email address such as ops@example.com.",
    password: newPasswordProblem(password),
    confirm: confirmProblem(password, confirm),
  };

  function submit() {
    if (FIELDS.some((f) => problems[f])) return;
    const input = { email: email.trim(), password, confirm };
    form.run(
      () => createFirstAdminAction(input),
      async () => {
        const session = await signIn("credentials", { redirect: false, email: input.email, password: input.password });
        router.replace(session?.ok ? "/" : "/sign-in");
        router.refresh();
      },
    );
  }

  const general = form.generalError(FIELDS);
  return (
    <AuthCard title="Create the first administrator" description="No administrator exists yet. This account becomes the Super Administrator.">
      <form onSubmit={form.handleSubmit(submit)} className="grid gap-4" noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={form.errorFor("email", problems.email)}
          autoFocus
        />
        <NewPasswordFields
          form={form}
          field="password"
          label="Password"
          password={password}
          onPasswordChange={setPassword}
          confirm={confirm}
          onConfirmChange={setConfirm}
          problems={problems}
        />
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
        <Button type="submit" pending={form.pending} className="mt-1 w-full">
          Create administrator
        </Button>
      </form>
    </AuthCard>
  );
}
