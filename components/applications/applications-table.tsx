"use client";

import { dateCell, NameLink, truncatedCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { searchNoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { useApplicationRowActions } from "./application-row-actions";
import { sessionDurationLabel } from "./session-duration";
import type { AppSummary, PolicyOption } from "./types";

const col = createDataTableColumnHelper<AppSummary>();

const columns = col.columns([
  col.accessor("name", {
    header: FIELD_LABELS.name,
    meta: { fill: true },
    cell: ({ row }) => <NameLink href={`/applications/${row.original.id}`} name={row.original.name} />,
  }),
  col.accessor("domain", {
    header: FIELD_LABELS.domain,
    cell: truncatedCell("max-w-[14rem] xl:max-w-[22rem]", { mono: true }),
  }),
  col.accessor("policies", {
    header: FIELD_LABELS.policies,
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
    header: FIELD_LABELS.session_duration,
    cell: ({ getValue }) => <span className="whitespace-nowrap">{sessionDurationLabel(getValue())}</span>,
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: dateCell(),
  }),
]);

export function ApplicationsTable({
  list,
  policyOptions,
  search,
  searchProblem = null,
  canWrite,
}: {
  list: TablePage<AppSummary>;
  policyOptions: PolicyOption[];
  search: string;
  /** Why the page refused the search in the URL (list-params.ts). */
  searchProblem?: string | null;
  canWrite: boolean;
}) {
  const rowActions = useApplicationRowActions(canWrite, policyOptions);
  return (
    <DataTable
      label="Applications"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      toolbar={<DataTableSearch label="Search applications" placeholder="Search by name or domain" />}
      noResults={{ page: "No applications on this page", filtered: searchNoResults(search, "No application has this text in its name or domain.", searchProblem) }}
      rowActions={rowActions}
    />
  );
}
