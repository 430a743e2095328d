"use client";

import Link from "next/link";
import { useMemo } from "react";
import { createDataTableColumnHelper, DataTable } from "@/components/data-table/data-table";
import { DataTableNoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { DecisionBadge } from "./decision-badge";
import { PolicyRowActions } from "./policy-row-actions";
import { RuleSummary } from "./rule-summary";
import type { PolicyRow, ServiceTokenOption, TokenNames } from "./types";

const col = createDataTableColumnHelper<PolicyRow>();

function UsedBy({ policy }: { policy: PolicyRow }) {
  if (policy.appCount === 0) return <span className="text-zinc-400">Not used</span>;
  const [first, ...rest] = policy.apps;
  return (
    <span className="grid gap-0.5 whitespace-nowrap">
      <span>
        {policy.appCount} {policy.appCount === 1 ? "app" : "apps"}
      </span>
      {first ? (
        <span className="max-w-[12rem] truncate text-xs text-zinc-500" title={policy.apps.map((a) => a.name).join(", ")}>
          <Link href={`/applications/${first.id}`} className="hover:text-zinc-800 hover:underline">
            {first.name}
          </Link>
          {rest.length > 0 ? ` and ${rest.length} more` : null}
        </span>
      ) : null}
    </span>
  );
}

const rowId = (p: PolicyRow) => p.id;

export function PoliciesTable({
  policies,
  tokenNames,
  tokenOptions,
  total,
  page,
  perPage,
  search,
  canWrite,
}: {
  policies: PolicyRow[];
  tokenNames: TokenNames;
  tokenOptions: ServiceTokenOption[];
  total: number;
  page: number;
  perPage: number;
  search: string;
  canWrite: boolean;
}) {
  const columns = useMemo(() => {
    const base = col.columns([
      col.accessor("name", {
        header: "Name",
        cell: ({ getValue }) => (
          <span className="block max-w-[12rem] truncate font-medium text-zinc-900 xl:max-w-[16rem]" title={getValue()}>
            {getValue()}
          </span>
        ),
      }),
      col.accessor("decision", {
        header: "Action",
        cell: ({ getValue }) => <DecisionBadge decision={getValue()} />,
      }),
      col.display({
        id: "rules",
        header: "Rules",
        cell: ({ row }) => <RuleSummary rules={row.original} tokenNames={tokenNames} compact />,
        meta: { cellClassName: "max-w-sm py-2.5 xl:max-w-md" },
      }),
      col.accessor("appCount", {
        header: "Used by",
        cell: ({ row }) => <UsedBy policy={row.original} />,
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
    if (!canWrite) return base;
    return [
      ...base,
      col.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => <PolicyRowActions policy={row.original} tokenOptions={tokenOptions} />,
        meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
      }),
    ];
  }, [tokenNames, tokenOptions, canWrite]);

  return (
    <DataTable
      label="Policies"
      columns={columns}
      data={policies}
      getRowId={rowId}
      total={total}
      page={page}
      perPage={perPage}
      perPageOptions={PAGED_LIST_PER_PAGE}
      toolbar={<DataTableSearch label="Search policies" placeholder="Search by name" />}
      noResults={
        search ? (
          <DataTableNoResults
            title={`No results for “${search}”`}
            description="No policy has this text in its name."
            reset={{ label: "Reset search", params: { q: null } }}
          />
        ) : (
          <DataTableNoResults title="No policies on this page" reset={{ label: "Go to the first page", params: { page: null } }} />
        )
      }
    />
  );
}
