import type { Metadata } from "next";
import { listAlertHistory } from "@/lib/alerts/history";
import { listAlertPolicies } from "@/lib/alerts/policies";
import { requireAdmin } from "@/lib/auth/require-admin";
import { serviceTokenNames } from "@/lib/service-tokens/service";
import { ParamProblems } from "@/components/data-table/param-problems";
import { PageHeader } from "@/components/layout/page-header";
import { HistoryEmptyState } from "@/components/notifications/history-empty-state";
import { HistoryTable } from "@/components/notifications/history-table";
import type { DeliveryRow } from "@/components/notifications/types";
import { Card } from "@/components/ui/card";
import { redirectPastLastPage, type RawParams } from "../../list-params";
import { hasFilters, parseHistoryParams } from "./search-params";

export const metadata: Metadata = { title: "History" };

/** The policy filter offers the account's policies; the domain caps a page at 1000. */
const MAX_POLICY_OPTIONS = 1000;

const BREADCRUMBS = [{ label: "Notifications", href: "/notifications" }, { label: "History" }];
const DESCRIPTION = "Every email and webhook of every alert, newest first: sent, failed or not sent, and why.";

export default async function HistoryPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin("notifications:read");
  const raw = await searchParams;
  const { params, problems, cleanHref } = parseHistoryParams(raw);

  if (problems.length > 0) {
    return (
      <>
        <PageHeader breadcrumbs={BREADCRUMBS} title="History" description={DESCRIPTION} />
        <Card className="overflow-hidden">
          <ParamProblems problems={problems} cleanHref={cleanHref} what="history" />
        </Card>
      </>
    );
  }

  const [list, policies] = await Promise.all([
    listAlertHistory(actor, {
      page: params.page,
      perPage: params.perPage,
      ...(params.policy_id ? { policy_id: params.policy_id } : {}),
      ...(params.mechanism_type ? { mechanism_type: params.mechanism_type } : {}),
      ...(params.status ? { status: params.status } : {}),
    }),
    listAlertPolicies(actor, { perPage: MAX_POLICY_OPTIONS }),
  ]);
  redirectPastLastPage("/notifications/history", raw, list);

  const tokens = await serviceTokenNames(actor, list.items.map((d) => d.serviceTokenId));
  // The row's fields only: the alert's body stays on the server.
  const items: DeliveryRow[] = list.items.map(({ alertBody: _body, ...d }) => ({ ...d, tokenExists: d.serviceTokenId in tokens }));
  const policyOptions = policies.items.map((p) => ({ value: p.id, label: p.name }));
  // A deleted policy's id (from an old link) is still a filter: name it rather than show the id.
  if (params.policy_id && !policyOptions.some((o) => o.value === params.policy_id)) {
    policyOptions.push({ value: params.policy_id, label: list.items[0]?.policyName ?? "Deleted notification" });
  }
  const filtered = hasFilters(params);

  return (
    <>
      <PageHeader breadcrumbs={BREADCRUMBS} title="History" description={DESCRIPTION} />
      <Card className="min-w-0 overflow-hidden">
        {list.total === 0 && !filtered ? (
          <HistoryEmptyState />
        ) : (
          <HistoryTable list={{ items, total: list.total, page: params.page, perPage: params.perPage }} filtered={filtered} policyOptions={policyOptions} />
        )}
      </Card>
    </>
  );
}
