"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled text box with its error (marked invalid) or, without one, its hint. */
export function TextField({
  label,
  optional = false,
  value,
  onChange,
  error,
  hint,
  mono = false,
  className,
  ...props
}: Omit<React.ComponentProps<"input">, "value" | "onChange" | "id"> & {
  label: string;
  /** Says "(optional)" after the label. */
  optional?: boolean;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: React.ReactNode;
  /** For values typed exactly: domains, header names, durations. */
  mono?: boolean;
}) {
  const id = useId();
  const noteId = useId();
  return (
    <Field>
      <Label htmlFor={id}>
        {label}
        {optional ? <span className="font-normal text-zinc-500"> (optional)</span> : null}
      </Label>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={mono ? false : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? noteId : undefined}
        className={cn(mono && "font-mono", className)}
        {...props}
      />
      {error ? <FieldError id={noteId}>{error}</FieldError> : hint ? <FieldHint id={noteId}>{hint}</FieldHint> : null}
    </Field>
  );
}
