"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormAlert } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AuthCard } from "./auth-card";

const INCORRECT = "Email or password is incorrect.";
const RATE_LIMITED = "Too many failed sign-ins. Try again in 15 minutes.";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const emailId = useId();
  const passwordId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    startTransition(async () => {
      let result;
      try {
        result = await signIn("credentials", { redirect: false, email, password });
      } catch {
        setError("Could not reach the server. Try again.");
        return;
      }
      if (!result || result.error) {
        // next-auth reports our rate limit as the error "rate_limited"; say nothing more specific
        // about other failures (which of email or password was wrong).
        setError(result?.error === "rate_limited" ? RATE_LIMITED : INCORRECT);
        return;
      }
      router.replace(next);
      router.refresh();
    });
  }

  return (
    <AuthCard title="Sign in" description="Sign in to manage service tokens.">
      <form onSubmit={submit} className="grid gap-4">
        <Field>
          <Label htmlFor={emailId}>Email</Label>
          <Input id={emailId} name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field>
          <Label htmlFor={passwordId}>Password</Label>
          <Input id={passwordId} name="password" type="password" autoComplete="current-password" required />
        </Field>
        <FormAlert>{error}</FormAlert>
        <Button type="submit" pending={pending} className="mt-1 w-full">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
