"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { createApiTokenAction } from "@/app/(dashboard)/settings/api-tokens/actions";
import { PERMISSION_GROUP_NAMES, type PermissionGroup } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useApiTokenReveal } from "./api-token-reveal";

/** "Create API token": name, permission groups, optional expiry; then the one-time reveal. */
export function CreateApiTokenDialog({ trigger }: { trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <CreateApiTokenForm onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

/** What each group allows, in a few words. */
const GROUP_HINTS: Record<PermissionGroup, string> = {
  "Access: Service Tokens Read": "List and read service tokens",
  "Access: Service Tokens Write": "Create, change, rotate and delete service tokens",
  "Access: Apps and Policies Read": "Read applications, policies and signing-key settings",
  "Access: Apps and Policies Write": "Change applications and policies, revoke their sessions",
  "Notifications Read": "Read alert policies, webhooks and history",
  "Notifications Write": "Change alert policies and webhooks",
  "Access: Audit Logs Read": "Read authentication logs and the audit log",
};

/** "YYYY-MM-DD" of tomorrow (UTC): the earliest expiry the date picker offers. */
function tomorrowUtc(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

function CreateApiTokenForm({ onDone }: { onDone: () => void }) {
  const ids = { name: useId(), expiry: useId(), group: useId() };
  const reveal = useApiTokenReveal();
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<PermissionGroup[]>([]);
  const [expiresOn, setExpiresOn] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; error: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const problems = {
    name: name.trim() === "" ? "Enter a name." : null,
    permissions: permissions.length === 0 ? "Choose at least one permission group." : null,
  };
  const errors = {
    name: (submitted && problems.name) || (serverError?.field === "name" ? serverError.error : undefined),
    permissions: (submitted && problems.permissions) || (serverError?.field === "permissions" ? serverError.error : undefined),
    expiresAt: serverError?.field === "expiresAt" ? serverError.error : undefined,
  };
  const generalError = serverError && !["name", "permissions", "expiresAt"].includes(serverError.field ?? "") ? serverError.error : null;

  function toggle(group: PermissionGroup, on: boolean) {
    // Keep the list in the canonical order, whatever the order of the clicks.
    setPermissions((current) => PERMISSION_GROUP_NAMES.filter((g) => (g === group ? on : current.includes(g))));
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (problems.name || problems.permissions) return;
    startTransition(async () => {
      const result = await createApiTokenAction({ name: name.trim(), permissions, expiresOn: expiresOn || null });
      if (!result.ok) {
        setServerError(result);
        toast.error(result.error);
        return;
      }
      onDone();
      reveal({ tokenName: result.token.name, value: result.value });
      toast.success(`API token “${result.token.name}” created`);
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>Create API token</DialogTitle>
        <DialogDescription>A bearer token for the REST API (/client/v4), limited to the permission groups you choose.</DialogDescription>
      </DialogHeader>
      <DialogBody>
        <Field>
          <Label htmlFor={ids.name}>Token name</Label>
          <Input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Terraform"
            maxLength={255}
            autoComplete="off"
            autoFocus
            aria-invalid={errors.name ? true : undefined}
          />
          <FieldError>{errors.name}</FieldError>
        </Field>
        <fieldset className="grid min-w-0 gap-1.5" aria-describedby={errors.permissions ? `${ids.group}-error` : undefined}>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">Permissions</legend>
          {PERMISSION_GROUP_NAMES.map((group) => {
            const id = `${ids.group}-${group}`;
            const checked = permissions.includes(group);
            return (
              <label
                key={group}
                htmlFor={id}
                className={cn(
                  "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500",
                  checked ? "border-blue-500 bg-blue-50/60" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
                )}
              >
                <input
                  id={id}
                  type="checkbox"
                  aria-label={group}
                  aria-describedby={`${id}-hint`}
                  checked={checked}
                  onChange={(e) => toggle(group, e.target.checked)}
                  className="size-4 accent-blue-600 outline-none"
                />
                <span className="grid">
                  <span className="text-sm font-medium text-zinc-900">{group}</span>
                  <span id={`${id}-hint`} className="text-xs text-zinc-500">
                    {GROUP_HINTS[group]}
                  </span>
                </span>
              </label>
            );
          })}
          <FieldError id={`${ids.group}-error`}>{errors.permissions}</FieldError>
        </fieldset>
        <Field>
          <Label htmlFor={ids.expiry}>
            Expiry date <span className="font-normal text-zinc-500">(optional)</span>
          </Label>
          <Input
            id={ids.expiry}
            type="date"
            min={tomorrowUtc()}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.target.value)}
            className="w-48"
            aria-invalid={errors.expiresAt ? true : undefined}
          />
          {errors.expiresAt ? (
            <FieldError>{errors.expiresAt}</FieldError>
          ) : (
            <FieldHint>The token stops working at the end of this day (UTC). Leave it empty for a token that does not expire.</FieldHint>
          )}
        </Field>
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
          Create token
        </Button>
      </DialogFooter>
    </form>
  );
}
