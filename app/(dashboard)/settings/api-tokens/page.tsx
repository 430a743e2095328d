import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/service";
import { requireAdmin } from "@/lib/auth/require-admin";
import { ACCESS_LIST_PER_PAGE, DEFAULT_ACCESS_LIST_PER_PAGE } from "@/components/applications/list-options";
import { PageHeader } from "@/components/layout/page-header";
import { ApiTokensEmptyState } from "@/components/settings/api-tokens-empty-state";
import { ApiTokensTable } from "@/components/settings/api-tokens-table";
import { CreateApiTokenDialog } from "@/components/settings/create-api-token-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { parsePagedListParams, redirectPastLastPage, type RawParams } from "../../applications/search-params";

export const metadata: Metadata = { title: "API Tokens" };

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  // Super Administrators only: anyone else is sent home.
  const actor = await requireAdmin("api_tokens:write");
  const raw = await searchParams;
  const params = parsePagedListParams(raw, ACCESS_LIST_PER_PAGE, DEFAULT_ACCESS_LIST_PER_PAGE);
  // The service returns every active token at once (an account has a handful); the page is cut here.
  const all = await listApiTokens(actor);
  const items = all.slice((params.page - 1) * params.perPage, params.page * params.perPage);
  redirectPastLastPage("/settings/api-tokens", raw, { items, total: all.length, page: params.page, perPage: params.perPage });

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Settings" }, { label: "API Tokens" }]}
        title="API Tokens"
        description="Bearer tokens for the Cloudflare-compatible REST API. Each one carries permission groups and belongs to this account."
        actions={
          <CreateApiTokenDialog
            trigger={
              <Button>
                <Plus className="size-4" aria-hidden />
                Create API token
              </Button>
            }
          />
        }
      />
      <Card className="overflow-hidden">
        {all.length === 0 ? <ApiTokensEmptyState /> : <ApiTokensTable tokens={items} total={all.length} page={params.page} perPage={params.perPage} />}
      </Card>
    </>
  );
}
