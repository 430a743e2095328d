import type { Metadata } from "next";
import { ADMIN_SORT_COLUMNS } from "@/lib/admins/schemas";
import { listAdmins } from "@/lib/admins/service";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AddAdminDialog } from "@/components/admins/add-admin-dialog";
import { AdminsTable } from "@/components/admins/admins-table";
import { DEFAULT_PAGED_LIST_PER_PAGE, PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { CreateButton } from "@/components/layout/create-button";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { parseSortedListParams, redirectPastLastPage, type RawParams } from "../../list-params";

export const metadata: Metadata = { title: "Administrators" };

export default async function AdminsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  // Super Administrators only: anyone else is sent home.
  const actor = await requireAdmin("admins:write");
  const raw = await searchParams;
  const params = parseSortedListParams(raw, PAGED_LIST_PER_PAGE, DEFAULT_PAGED_LIST_PER_PAGE, ADMIN_SORT_COLUMNS, "createdAt");
  const list = await listAdmins(actor, { page: params.page, perPage: params.perPage, sort: params.sort, order: params.order });
  redirectPastLastPage("/settings/admins", raw, list);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Settings" }, { label: "Administrators" }]}
        title="Administrators"
        description="Who can sign in to this dashboard, and what their role lets them do. An account always keeps at least one Super Administrator."
        actions={<AddAdminDialog trigger={<CreateButton>Add administrator</CreateButton>} />}
      />
      <Card className="overflow-hidden">
        <AdminsTable list={list} sort={{ column: list.sort, order: list.order }} currentAdminId={actor.adminId} />
      </Card>
    </>
  );
}
