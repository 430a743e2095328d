"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { FormFailure, FormResult } from "@/lib/forms";

/** The server's refusal names `field` itself or a part of it ("policies.1.id" names "policies"). */
const names = (failureField: string | undefined, field: string) => failureField === field || Boolean(failureField?.startsWith(`${field}.`));

/**
 * The state every dashboard form shares: whether the user has tried to submit (client-side
 * problems show only from then on), the server's last refusal (until the next submit) and whether
 * the action is running. A refusal is also toasted.
 */
export function useActionForm() {
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [pending, startTransition] = useTransition();

  return {
    submitted,
    pending,
    failure,
    /** What to show under `field`: its client-side `problem` once submitted, else the server's refusal of it. */
    errorFor(field: string, problem?: string | null): string | undefined {
      if (submitted && problem) return problem;
      return failure && names(failure.field, field) ? failure.error : undefined;
    },
    /** The server's refusal when it names none of the form's `fields` (a conflict, say): shown above the buttons. */
    generalError(fields: readonly string[]): string | null {
      return failure && !fields.some((f) => names(failure.field, f)) ? failure.error : null;
    },
    /** The form's onSubmit: marks it submitted, forgets the last refusal, then calls `submit`. */
    handleSubmit(submit: () => void) {
      return (event: React.FormEvent) => {
        event.preventDefault();
        setSubmitted(true);
        setFailure(null);
        submit();
      };
    },
    /** Runs a server action: a refusal is kept and toasted, a success starts the form afresh and calls `onSuccess`. */
    run<R extends FormResult>(action: () => Promise<R>, onSuccess: (result: Extract<R, { ok: true }>) => void) {
      startTransition(async () => {
        const result = await action();
        if (!result.ok) {
          setFailure(result);
          toast.error(result.error);
          return;
        }
        setSubmitted(false);
        onSuccess(result as Extract<R, { ok: true }>);
      });
    },
  };
}

export type ActionForm = ReturnType<typeof useActionForm>;
