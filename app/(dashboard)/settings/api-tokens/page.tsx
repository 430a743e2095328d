import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/service";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { ApiTokensEmptyState } from "@/components/settings/api-tokens-empty-state";
import { ApiTokensTable } from "@/components/settings/api-tokens-table";
import { CreateApiTokenDialog } from "@/components/settings/create-api-token-dialog";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../../list-params";

export const metadata: Metadata = { title: "API Tokens" };

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  // Super Administrators only: anyone else is sent home.
  const actor = await requireAdmin("api_tokens:write");
  const raw = await searchParams;
  const params = parsePagedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE);
  const list = await listApiTokens(actor, { page: params.page, perPage: params.perPage });
  redirectPastLastPage("/settings/api-tokens", raw, list);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Settings" }, { label: "API Tokens" }]}
        title="API Tokens"
        description="Bearer tokens for the Cloudflare-compatible REST API. Each one carries permission groups and belongs to this account."
        actions={
          <CreateApiTokenDialog
            trigger={<CreateButton>Create API token</CreateButton>}
          />
        }
      />
      <Card className="overflow-hidden">
        {list.total === 0 ? <ApiTokensEmptyState /> : <ApiTokensTable list={list} />}
      </Card>
    </>
  );
}
