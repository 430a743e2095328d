"use client";

import { dateCell, truncatedCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Badge } from "@/components/ui/badge";
import { apiTokenRowActions } from "./api-token-row-actions";
import type { ApiTokenSummary } from "./types";

const col = createDataTableColumnHelper<ApiTokenSummary>();

const columns = col.columns([
  col.accessor("name", {
    header: FIELD_LABELS.name,
    meta: { fill: true },
    cell: truncatedCell("font-medium text-zinc-900"),
  }),
  col.accessor("permissions", {
    header: FIELD_LABELS.permissions,
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
    cell: dateCell("Never"),
  }),
  col.accessor("expiresAt", {
    header: "Expires",
    cell: dateCell("Never"),
  }),
  col.accessor("createdBy", {
    header: "Created by",
    cell: truncatedCell("max-w-[12rem]"),
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: dateCell(),
  }),
]);

export function ApiTokensTable({ list }: { list: TablePage<ApiTokenSummary> }) {
  return (
    <DataTable
      label="API tokens"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      noResults={{ page: "No API tokens on this page" }}
      rowActions={apiTokenRowActions}
    />
  );
}
