import type { Metadata } from "next";
import { listWebhookDestinations } from "@/lib/alerts/destinations";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { CreateWebhookDialog } from "@/components/notifications/webhook-form-dialog";
import { WebhooksEmptyState } from "@/components/notifications/webhooks-empty-state";
import { WebhooksTable } from "@/components/notifications/webhooks-table";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../../list-params";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin("notifications:read");
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const canWrite = actorCan(actor, "notifications:write");
  const list = await listWebhookDestinations(actor, { page: params.page, perPage: params.perPage });
  redirectPastLastPage("/notifications/destinations", raw, list);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Notifications", href: "/notifications" }, { label: "Destinations" }]}
        title="Destinations"
        description="Webhooks that notifications post their alerts to. Email recipients are set on each notification."
        actions={canWrite ? <CreateWebhookDialog trigger={<CreateButton>Add webhook</CreateButton>} /> : <ReadOnlyNotice />}
      />
      <Card className="overflow-hidden">{list.total === 0 ? <WebhooksEmptyState canWrite={canWrite} /> : <WebhooksTable list={list} canWrite={canWrite} />}</Card>
    </>
  );
}
