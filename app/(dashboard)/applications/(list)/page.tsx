import type { Metadata } from "next";
import { listApps } from "@/lib/access/apps";
import { listPolicies } from "@/lib/access/policies";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { CreateApplicationDialog } from "@/components/applications/application-form-dialog";
import { ApplicationsEmptyState } from "@/components/applications/applications-empty-state";
import { ApplicationsTable } from "@/components/applications/applications-table";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../../list-params";

export const metadata: Metadata = { title: "Applications" };

/** The policy picker offers every reusable policy; the API caps a page at 1000. */
const MAX_POLICY_OPTIONS = 1000;

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin();
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const canWrite = actorCan(actor, "apps:write");
  const [list, policies] = await Promise.all([
    listApps(actor, { page: params.page, perPage: params.perPage, search: params.q || undefined }),
    canWrite ? listPolicies(actor, { perPage: MAX_POLICY_OPTIONS }) : null,
  ]);
  redirectPastLastPage("/applications", raw, list);
  const policyOptions = (policies?.items ?? []).map(({ id, name, decision }) => ({ id, name, decision }));

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Access controls" }, { label: "Applications" }]}
        title="Applications"
        description="Self-hosted applications behind your reverse proxy. Each one checks requests against its policies, in order of precedence."
        actions={
          canWrite ? (
            <CreateApplicationDialog
              policyOptions={policyOptions}
              trigger={<CreateButton>Create application</CreateButton>}
            />
          ) : (
            <ReadOnlyNotice />
          )
        }
      />
      <Card className="overflow-hidden">
        {list.total === 0 && !params.q && !params.searchProblem ? (
          <ApplicationsEmptyState canWrite={canWrite} policyOptions={policyOptions} />
        ) : (
          <ApplicationsTable list={list} policyOptions={policyOptions} search={params.q} searchProblem={params.searchProblem} canWrite={canWrite} />
        )}
      </Card>
    </>
  );
}
