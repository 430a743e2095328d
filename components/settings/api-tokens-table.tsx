"use client";

import { createDataTableColumnHelper, DataTable } from "@/components/data-table/data-table";
import { DataTableNoResults } from "@/components/data-table/data-table-no-results";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { ApiTokenRowActions } from "./api-token-row-actions";
import type { ApiTokenSummary } from "./types";

const col = createDataTableColumnHelper<ApiTokenSummary>();

function DateCell({ value, empty }: { value: Date | null; empty: string }) {
  if (!value) return <span className="text-zinc-400">{empty}</span>;
  return (
    <time dateTime={value.toISOString()} title={formatDateTime(value)} className="whitespace-nowrap">
      {formatDate(value)}
    </time>
  );
}

const columns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: ({ getValue }) => (
      <span className="block max-w-[12rem] truncate font-medium text-zinc-900" title={getValue()}>
        {getValue()}
      </span>
    ),
  }),
  col.accessor("permissions", {
    header: "Permissions",
    cell: ({ getValue }) => (
      <ul className="flex max-w-md flex-wrap gap-1" aria-label="Permissions">
        {getValue().map((p) => (
          <li key={p}>
            <Badge tone={p.endsWith("Write") ? "blue" : "zinc"}>{p}</Badge>
          </li>
        ))}
      </ul>
    ),
    meta: { cellClassName: "py-2.5" },
  }),
  col.accessor("lastUsedAt", {
    header: "Last used",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="Never" />,
  }),
  col.accessor("expiresAt", {
    header: "Expires",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="Never" />,
  }),
  col.accessor("createdBy", {
    header: "Created by",
    cell: ({ getValue }) => (
      <span className="block max-w-[12rem] truncate" title={getValue()}>
        {getValue()}
      </span>
    ),
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
  }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => <ApiTokenRowActions token={row.original} />,
    meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
  }),
]);

const rowId = (t: ApiTokenSummary) => t.id;

export function ApiTokensTable({ tokens, total, page, perPage }: { tokens: ApiTokenSummary[]; total: number; page: number; perPage: number }) {
  return (
    <DataTable
      label="API tokens"
      columns={columns}
      data={tokens}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      perPageOptions={PAGED_LIST_PER_PAGE}
      noResults={<DataTableNoResults title="No API tokens on this page" reset={{ label: "Go to the first page", params: { page: null } }} />}
    />
  );
}
