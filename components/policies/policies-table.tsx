"use client";

import Link from "next/link";
import { useMemo } from "react";
import { dateCell, truncatedCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { searchNoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DecisionBadge } from "./decision-badge";
import { policyRowActions } from "./policy-row-actions";
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

export function PoliciesTable({
  list,
  tokenNames,
  tokenOptions,
  search,
  searchProblem = null,
  canWrite,
}: {
  list: TablePage<PolicyRow>;
  tokenNames: TokenNames;
  tokenOptions: ServiceTokenOption[];
  search: string;
  /** Why the page refused the search in the URL (list-params.ts). */
  searchProblem?: string | null;
  canWrite: boolean;
}) {
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor("name", {
          header: FIELD_LABELS.name,
          meta: { fill: true },
          cell: truncatedCell("font-medium text-zinc-900"),
        }),
        col.accessor("decision", {
          header: FIELD_LABELS.decision,
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
          cell: dateCell(),
        }),
      ]),
    [tokenNames],
  );
  const rowActions = useMemo(() => (canWrite ? policyRowActions(tokenOptions) : undefined), [canWrite, tokenOptions]);

  return (
    <DataTable
      label="Policies"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      toolbar={<DataTableSearch label="Search policies" placeholder="Search by name" />}
      noResults={{ page: "No policies on this page", filtered: searchNoResults(search, "No policy has this text in its name.", searchProblem) }}
      rowActions={rowActions}
    />
  );
}
