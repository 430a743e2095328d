import { Bell } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreateAlertPolicyDialog } from "./alert-policy-form-dialog";
import type { AlertTypeOption, WebhookOption } from "./types";

export function AlertPoliciesEmptyState({
  canWrite,
  alertTypes,
  webhookOptions,
  defaultEmail,
}: {
  canWrite: boolean;
  alertTypes: AlertTypeOption[];
  webhookOptions: WebhookOption[];
  defaultEmail: string;
}) {
  return (
    <EmptyState
      icon={Bell}
      title="No notifications yet"
      create={
        canWrite ? (
          <CreateAlertPolicyDialog
            alertTypes={alertTypes}
            webhookOptions={webhookOptions}
            defaultEmail={defaultEmail}
            trigger={<CreateButton>Add your first notification</CreateButton>}
          />
        ) : undefined
      }
    >
      A notification alerts you by email or webhook before a service token expires, so that it can be refreshed before the applications that use it
      start refusing it.
    </EmptyState>
  );
}
