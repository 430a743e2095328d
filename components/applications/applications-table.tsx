"use client";

import Link from "next/link";
import { useMemo } from "react";
import { createDataTableColumnHelper, DataTable } from "@/components/data-table/data-table";
import { DataTableNoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { ApplicationRowActions } from "./application-row-actions";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { sessionDurationLabel } from "./session-duration";
import type { AppSummary, PolicyOption } from "./types";

const col = createDataTableColumnHelper<AppSummary>();

const baseColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <Link
        href={`/applications/${row.original.id}`}
        className="block max-w-[12rem] truncate font-medium text-blue-700 outline-none hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-blue-500 xl:max-w-[18rem]"
        title={row.original.name}
      >
        {row.original.name}
      </Link>
    ),
  }),
  col.accessor("domain", {
    header: "Domain",
    cell: ({ getValue }) => (
      <code className="block max-w-[14rem] truncate font-mono text-xs text-zinc-700 xl:max-w-[22rem]" title={getValue()}>
        {getValue()}
      </code>
    ),
  }),
  col.accessor("policies", {
    header: "Policies",
    cell: ({ getValue }) => {
      const policies = getValue();
      if (policies.length === 0) return <span className="text-zinc-400">None</span>;
      return (
        <span className="whitespace-nowrap" title={policies.map((p) => `${p.precedence}. ${p.name}`).join("\n")}>
          {policies.length} {policies.length === 1 ? "policy" : "policies"}
        </span>
      );
    },
  }),
  col.accessor("sessionDuration", {
    header: "Session duration",
    cell: ({ getValue }) => <span className="whitespace-nowrap">{sessionDurationLabel(getValue())}</span>,
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: ({ getValue }) => (
      <time dateTime={getValue().toISOString()} title={formatDateTime(getValue())} className="whitespace-nowrap">
        {formatDate(getValue())}
      </time>
    ),
  }),
]);

const rowId = (a: AppSummary) => a.id;

export function ApplicationsTable({
  apps,
  policyOptions,
  total,
  page,
  perPage,
  search,
  canWrite,
}: {
  apps: AppSummary[];
  policyOptions: PolicyOption[];
  total: number;
  page: number;
  perPage: number;
  search: string;
  canWrite: boolean;
}) {
  const columns = useMemo(
    () => [
      ...baseColumns,
      col.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => <ApplicationRowActions app={row.original} policyOptions={policyOptions} canWrite={canWrite} />,
        meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
      }),
    ],
    [policyOptions, canWrite],
  );
  return (
    <DataTable
      label="Applications"
      columns={columns}
      data={apps}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      perPageOptions={PAGED_LIST_PER_PAGE}
      toolbar={<DataTableSearch label="Search applications" placeholder="Search by name or domain" />}
      noResults={
        search ? (
          <DataTableNoResults
            title={`No results for “${search}”`}
            description="No application has this text in its name or domain."
            reset={{ label: "Reset search", params: { q: null } }}
          />
        ) : (
          <DataTableNoResults title="No applications on this page" reset={{ label: "Go to the first page", params: { page: null } }} />
        )
      }
    />
  );
}
