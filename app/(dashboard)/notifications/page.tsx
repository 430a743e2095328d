import type { Metadata } from "next";
import { availableAlerts } from "@/lib/alerts/api-shape";
import { listWebhookDestinations } from "@/lib/alerts/destinations";
import { listAlertPolicies } from "@/lib/alerts/policies";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { AlertPoliciesEmptyState } from "@/components/notifications/alert-policies-empty-state";
import { AlertPoliciesTable } from "@/components/notifications/alert-policies-table";
import { CreateAlertPolicyDialog } from "@/components/notifications/alert-policy-form-dialog";
import type { AlertTypeOption } from "@/components/notifications/types";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../list-params";

export const metadata: Metadata = { title: "Notifications" };

/** The form offers every destination; the domain caps a page at 1000. */
const MAX_DESTINATION_OPTIONS = 1000;

const ALERT_TYPES: AlertTypeOption[] = Object.entries(availableAlerts()).flatMap(([product, types]) =>
  types.map((t) => ({ type: t.type, displayName: t.display_name, description: t.description, product })),
);

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin("notifications:read");
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const canWrite = actorCan(actor, "notifications:write");
  const [list, destinations] = await Promise.all([
    listAlertPolicies(actor, { page: params.page, perPage: params.perPage }),
    canWrite ? listWebhookDestinations(actor, { perPage: MAX_DESTINATION_OPTIONS }) : null,
  ]);
  redirectPastLastPage("/notifications", raw, list);
  const webhookOptions = (destinations?.items ?? []).map(({ id, name, url }) => ({ id, name, url }));
  const options = { alertTypes: ALERT_TYPES, webhookOptions, defaultEmail: actor.email };

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Notifications" }, { label: "All Notifications" }]}
        title="Notifications"
        description="Alert policies: who is told, by email or webhook, before a service token expires."
        actions={canWrite ? <CreateAlertPolicyDialog {...options} trigger={<CreateButton>Add</CreateButton>} /> : <ReadOnlyNotice />}
      />
      <Card className="overflow-hidden">
        {list.total === 0 ? (
          <AlertPoliciesEmptyState canWrite={canWrite} {...options} />
        ) : (
          <AlertPoliciesTable list={list} canWrite={canWrite} alertTypes={ALERT_TYPES} webhookOptions={webhookOptions} />
        )}
      </Card>
    </>
  );
}
