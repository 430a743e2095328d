import type { Metadata } from "next";
import { listApps } from "@/lib/access/apps";
import { listPolicies } from "@/lib/access/policies";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/list-options";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { PoliciesEmptyState } from "@/components/policies/policies-empty-state";
import { PoliciesTable } from "@/components/policies/policies-table";
import { CreatePolicyDialog } from "@/components/policies/policy-form-dialog";
import type { AppRef } from "@/components/policies/types";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../applications/search-params";
import { serviceTokenOptions } from "./service-token-options";

export const metadata: Metadata = { title: "Policies" };

/** "Used by" names the applications; the service caps a page at 1000. */
const MAX_APPS = 1000;

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin();
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const [list, apps, tokens] = await Promise.all([
    listPolicies(actor, { page: params.page, perPage: params.perPage, search: params.q || undefined }),
    listApps(actor, { perPage: MAX_APPS }),
    serviceTokenOptions(actor),
  ]);
  redirectPastLastPage("/policies", raw, list);

  const usedBy = new Map<string, AppRef[]>();
  for (const app of apps.items) {
    for (const p of app.policies) usedBy.set(p.id, [...(usedBy.get(p.id) ?? []), { id: app.id, name: app.name, domain: app.domain }]);
  }
  const rows = list.items.map((p) => ({ ...p, apps: usedBy.get(p.id) ?? [] }));
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
        {list.total === 0 && !params.q ? (
          <PoliciesEmptyState canWrite={canWrite} tokenOptions={tokens.options} />
        ) : (
          <PoliciesTable
            list={{ ...list, items: rows }}
            tokenNames={tokens.names}
            tokenOptions={canWrite ? tokens.options : []}
            search={params.q}
            canWrite={canWrite}
          />
        )}
      </Card>
    </>
  );
}
