import type { Metadata } from "next";
import { listPolicies } from "@/lib/access/policies";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { PoliciesEmptyState } from "@/components/policies/policies-empty-state";
import { PoliciesTable } from "@/components/policies/policies-table";
import { CreatePolicyDialog } from "@/components/policies/policy-form-dialog";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../list-params";
import { serviceTokenOptions } from "./service-token-options";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin();
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const [list, tokens] = await Promise.all([
    listPolicies(actor, { page: params.page, perPage: params.perPage, search: params.q || undefined }),
    serviceTokenOptions(actor),
  ]);
  redirectPastLastPage("/policies", raw, list);
  const canWrite = actorCan(actor, "apps:write");

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Access controls" }, { label: "Policies" }]}
        title="Policies"
        description="Reusable rules that decide who reaches an application. Attach a policy to as many applications as you like."
        actions={
          canWrite ? (
            <CreatePolicyDialog
              tokenOptions={tokens.options}
              trigger={<CreateButton>Create policy</CreateButton>}
            />
          ) : (
            <ReadOnlyNotice />
          )
        }
      />
      <Card className="overflow-hidden">
        {list.total === 0 && !params.q && !params.searchProblem ? (
          <PoliciesEmptyState canWrite={canWrite} tokenOptions={tokens.options} />
        ) : (
          <PoliciesTable
            list={list}
            tokenNames={tokens.names}
            tokenOptions={canWrite ? tokens.options : []}
            search={params.q}
            searchProblem={params.searchProblem}
            canWrite={canWrite}
          />
        )}
      </Card>
    </>
  );
}
