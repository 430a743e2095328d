"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Button } from "@/components/ui/button";
import { FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * The policy's email recipients: the addresses added so far, each with its remove button, and a box
 * for the next one (Enter or Add puts it in the list; an address left in the box is sent too).
 */
export function EmailRecipientsField({
  recipients,
  onChange,
  draft,
  onDraftChange,
  error,
}: {
  recipients: string[];
  onChange: (next: string[]) => void;
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string;
}) {
  const inputId = useId();
  const noteId = useId();
  const add = () => {
    const address = draft.trim();
    if (!address) return;
    if (!recipients.some((r) => r.toLowerCase() === address.toLowerCase())) onChange([...recipients, address]);
    onDraftChange("");
  };
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={inputId}>
        {FIELD_LABELS["mechanisms.email"]}
        <span className="font-normal text-zinc-500"> (optional)</span>
      </Label>
      {recipients.length > 0 ? (
        <ul aria-label={FIELD_LABELS["mechanisms.email"]} className="flex flex-wrap gap-1.5">
          {recipients.map((address) => (
            <li key={address} className="flex max-w-full min-w-0 items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-[13px] text-zinc-800">
              <span className="truncate" title={address}>
                {address}
              </span>
              <button
                type="button"
                aria-label={`Remove ${address}`}
                onClick={() => onChange(recipients.filter((r) => r !== address))}
                className="rounded-full p-0.5 text-zinc-500 outline-none hover:bg-zinc-200 hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-blue-500"
              >
                <X className="size-3.5" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <Input
          id={inputId}
          type="email"
          value={draft}
          onChange={(e) => onDraftChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            add();
          }}
          placeholder="ops@example.com"
          autoComplete="off"
          maxLength={320}
          aria-invalid={error ? true : undefined}
          aria-describedby={noteId}
        />
        <Button type="button" variant="secondary" onClick={add} disabled={!draft.trim()}>
          <Plus className="size-4" aria-hidden />
          Add
        </Button>
      </div>
      {error ? (
        <FieldError id={noteId}>{error}</FieldError>
      ) : (
        <FieldHint id={noteId}>Each address gets its own email. You are a recipient unless you remove yourself.</FieldHint>
      )}
    </div>
  );
}
