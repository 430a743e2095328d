import { Webhook } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreateWebhookDialog } from "./webhook-form-dialog";

export function WebhooksEmptyState({ canWrite }: { canWrite: boolean }) {
  return (
    <EmptyState
      icon={Webhook}
      title="No webhook destinations yet"
      create={canWrite ? <CreateWebhookDialog trigger={<CreateButton>Add your first webhook</CreateButton>} /> : undefined}
    >
      A webhook destination receives alerts as JSON: a Slack or Mattermost incoming webhook, or a receiver of your own that checks the secret sent in
      cf-webhook-auth.
    </EmptyState>
  );
}
