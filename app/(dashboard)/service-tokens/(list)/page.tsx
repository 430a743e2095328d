import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { tokenStatus } from "@/lib/service-tokens/duration";
import { listServiceTokens } from "@/lib/service-tokens/service";
import { ParamProblems } from "@/components/data-table/param-problems";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { CreateServiceTokenDialog } from "@/components/service-tokens/create-service-token-dialog";
import { ServiceTokensEmptyState } from "@/components/service-tokens/service-tokens-empty-state";
import { ServiceTokensTable } from "@/components/service-tokens/service-tokens-table";
import { Card } from "@/components/ui/card";
import { parseListParams } from "../search-params";

export const metadata: Metadata = { title: "Service Tokens" };

export default async function ServiceTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const raw = await searchParams;
  const params = parseListParams(raw);
  const canWrite = actorCan(actor, "service_tokens:write");
  const header = (
    <PageHeader
      breadcrumbs={[{ label: "Access controls" }, { label: "Service credentials" }, { label: "Service Tokens" }]}
      title="Service Tokens"
      description="Client ID and Client Secret pairs that let automated systems reach applications protected by Gatepost."
      actions={
        canWrite ? (
          <CreateServiceTokenDialog
            trigger={<CreateButton>Create Service Token</CreateButton>}
          />
        ) : (
          <ReadOnlyNotice />
        )
      }
    />
  );

  if (params.problems.length > 0) {
    return (
      <>
        {header}
        <Card className="overflow-hidden">
          <ParamProblems problems={params.problems} cleanHref={params.cleanHref} what="list" />
        </Card>
      </>
    );
  }

  const { items, total } = await listServiceTokens(actor, {
    page: params.page,
    perPage: params.perPage,
    sort: params.sort,
    order: params.order,
    ...(params.q ? { search: params.q } : {}),
    ...(params.status ? { status: params.status } : {}),
  });

  // Past the last page (after deletes, or a stale link): show the last page instead of nothing.
  const lastPage = Math.max(1, Math.ceil(total / params.perPage));
  if (items.length === 0 && params.page > lastPage) {
    const query = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    if (lastPage === 1) query.delete("page");
    else query.set("page", String(lastPage));
    redirect(`/service-tokens${query.size ? `?${query}` : ""}`);
  }

  const now = new Date();
  const rows = items.map((t) => ({ ...t, status: tokenStatus(t, now) }));

  return (
    <>
      {header}
      <Card className="overflow-hidden">
        {total === 0 && !params.q && !params.searchProblem && !params.status ? (
          <ServiceTokensEmptyState canWrite={canWrite} />
        ) : (
          <ServiceTokensTable
            list={{ items: rows, total, page: params.page, perPage: params.perPage }}
            sort={{ column: params.sort, order: params.order }}
            search={params.q}
            status={params.status}
            searchProblem={params.searchProblem}
            canWrite={canWrite}
            now={now}
          />
        )}
      </Card>
    </>
  );
}
