"use client";

import Link from "next/link";
import { createDataTableColumnHelper, DataTable, type DataTableSort } from "@/components/data-table/data-table";
import { DataTableNoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { SERVICE_TOKENS_PER_PAGE } from "./list-options";
import { ServiceTokenRowActions } from "./service-token-row-actions";
import { TokenStatusBadge } from "./token-status-badge";
import type { ServiceTokenRow } from "./types";

const col = createDataTableColumnHelper<ServiceTokenRow>();

function DateCell({ value, empty }: { value: Date | null; empty: string }) {
  if (!value) return <span className="text-zinc-400">{empty}</span>;
  return (
    <time dateTime={value.toISOString()} title={formatDateTime(value)} className="whitespace-nowrap">
      {formatDate(value)}
    </time>
  );
}

// Column ids are the server's sort keys (SORT_COLUMNS), so a header click maps straight to `sort`.
const baseColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <Link
        href={`/service-tokens/${row.original.id}`}
        className="block max-w-[10rem] truncate font-medium xl:max-w-[16rem] text-blue-700 outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-blue-500"
        title={row.original.name}
      >
        {row.original.name}
      </Link>
    ),
  }),
  col.accessor("clientId", {
    header: "Client ID",
    cell: ({ getValue }) => (
      <div className="flex items-center gap-1">
        <code className="block max-w-[6.5rem] truncate font-mono text-xs text-zinc-700 xl:max-w-[18rem]" title={getValue()}>
          {getValue()}
        </code>
        <CopyButton value={getValue()} label="Copy Client ID" />
      </div>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    enableSorting: false,
    cell: ({ getValue }) => <TokenStatusBadge status={getValue()} />,
  }),
  col.accessor("expiresAt", {
    header: "Expires",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="Never" />,
  }),
  col.accessor("lastSeenAt", {
    header: "Last seen",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="Never" />,
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: ({ getValue }) => <DateCell value={getValue()} empty="—" />,
  }),
]);

const columnsByAccess = {
  write: [
    ...baseColumns,
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => <ServiceTokenRowActions token={row.original} canWrite />,
      meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
    }),
  ],
  read: [
    ...baseColumns,
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => <ServiceTokenRowActions token={row.original} canWrite={false} />,
      meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
    }),
  ],
};

const rowId = (t: ServiceTokenRow) => t.id;

export function ServiceTokensTable({
  tokens,
  total,
  page,
  perPage,
  sort,
  search,
  canWrite,
}: {
  tokens: ServiceTokenRow[];
  total: number;
  page: number;
  perPage: number;
  sort: DataTableSort;
  search: string;
  canWrite: boolean;
}) {
  return (
    <DataTable
      label="Service tokens"
      columns={canWrite ? columnsByAccess.write : columnsByAccess.read}
      data={tokens}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      perPageOptions={SERVICE_TOKENS_PER_PAGE}
      sort={sort}
      toolbar={<DataTableSearch label="Search service tokens" placeholder="Search by name or Client ID" />}
      noResults={
        search ? (
          <DataTableNoResults
            title={`No results for “${search}”`}
            description="No service token has this text in its name or Client ID."
            reset={{ label: "Reset search", params: { q: null } }}
          />
        ) : (
          <DataTableNoResults title="No service tokens on this page" reset={{ label: "Go to the first page", params: { page: null } }} />
        )
      }
    />
  );
}
