"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { createApiTokenAction } from "@/app/(dashboard)/settings/api-tokens/actions";
import { PERMISSION_GROUP_NAMES, type PermissionGroup } from "@/lib/auth/permissions";
import { ChoiceCard } from "@/components/forms/choice-card";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { FieldError } from "@/components/ui/field";
import { useApiTokenReveal } from "./api-token-reveal";

/** "Create API token": name, permission groups, optional expiry; then the one-time reveal. */
export function CreateApiTokenDialog({ trigger }: { trigger: React.ReactNode }) {
  return <FormDialog trigger={trigger}>{(close) => <CreateApiTokenForm onDone={close} />}</FormDialog>;
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
  const groupId = useId();
  const reveal = useApiTokenReveal();
  const form = useActionForm();
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<PermissionGroup[]>([]);
  const [expiresOn, setExpiresOn] = useState("");

  const problems = {
    name: name.trim() === "" ? "Enter a name." : null,
    permissions: permissions.length === 0 ? "Choose at least one permission group." : null,
  };
  const permissionsError = form.errorFor("permissions", problems.permissions);

  function toggle(group: PermissionGroup, on: boolean) {
    // Keep the list in the canonical order, whatever the order of the clicks.
    setPermissions((current) => PERMISSION_GROUP_NAMES.filter((g) => (g === group ? on : current.includes(g))));
  }

  function submit() {
    if (problems.name || problems.permissions) return;
    form.run(
      () => createApiTokenAction({ name: name.trim(), permissions, expiresOn: expiresOn || null }),
      (result) => {
        onDone();
        reveal({ tokenName: result.token.name, value: result.value, permissions });
        toast.success(`API token “${result.token.name}” created`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title="Create API token"
      description="A bearer token for the REST API (/client/v4), limited to the permission groups you choose."
      submitLabel="Create token"
      error={form.generalError(["name", "permissions", "expiresAt"])}
    >
      <TextField label="Token name" value={name} onChange={setName} error={form.errorFor("name", problems.name)} placeholder="e.g. Terraform" maxLength={255} autoFocus />
      <fieldset className="grid min-w-0 gap-1.5" aria-describedby={permissionsError ? `${groupId}-error` : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">{FIELD_LABELS.permissions}</legend>
        {PERMISSION_GROUP_NAMES.map((group, i) => (
          <ChoiceCard
            key={group}
            type="checkbox"
            aria-label={group}
            aria-describedby={`${groupId}-${i}-hint`}
            checked={permissions.includes(group)}
            onCheckedChange={(on) => toggle(group, on)}
            className="py-2"
          >
            <span className="grid">
              <span className="text-sm font-medium text-zinc-900">{group}</span>
              <span id={`${groupId}-${i}-hint`} className="text-xs text-zinc-500">
                {GROUP_HINTS[group]}
              </span>
            </span>
          </ChoiceCard>
        ))}
        <FieldError id={`${groupId}-error`}>{permissionsError}</FieldError>
      </fieldset>
      <TextField
        label={FIELD_LABELS.expiresAt}
        optional
        type="date"
        min={tomorrowUtc()}
        value={expiresOn}
        onChange={setExpiresOn}
        error={form.errorFor("expiresAt")}
        hint="The token stops working at the end of this day (UTC). Leave it empty for a token that does not expire."
        className="w-48"
      />
    </DialogForm>
  );
}
