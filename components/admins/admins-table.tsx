"use client";

import { useMemo } from "react";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { dateCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type DataTableSort, type TablePage } from "@/components/data-table/data-table";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Badge } from "@/components/ui/badge";
import { adminRowActions } from "./admin-row-actions";
import type { AdminSummary } from "./types";

const col = createDataTableColumnHelper<AdminSummary>();

// Column ids are the server's sort keys (ADMIN_SORT_COLUMNS) where a column sorts.
function adminColumns(currentAdminId: string) {
  return col.columns([
    col.accessor("email", {
      header: FIELD_LABELS.email,
      meta: { fill: true },
      cell: ({ row, getValue }) => (
        <span className="flex min-w-0 items-baseline gap-1.5">
          <span className="truncate font-medium text-zinc-900" title={getValue()}>
            {getValue()}
          </span>
          {row.original.id === currentAdminId ? <span className="shrink-0 text-zinc-500">(you)</span> : null}
        </span>
      ),
    }),
    col.accessor("role", {
      header: FIELD_LABELS.role,
      enableSorting: false,
      cell: ({ getValue }) => <Badge tone={getValue() === "super_admin" ? "blue" : "zinc"}>{ROLE_LABELS[getValue()]}</Badge>,
      meta: { cellClassName: "whitespace-nowrap" },
    }),
    col.accessor("lastSignInAt", { header: FIELD_LABELS.lastSignInAt, enableSorting: false, cell: dateCell("Never") }),
    col.accessor("createdAt", { header: FIELD_LABELS.createdAt, cell: dateCell() }),
  ]);
}

export function AdminsTable({ list, sort, currentAdminId }: { list: TablePage<AdminSummary>; sort: DataTableSort; currentAdminId: string }) {
  const columns = useMemo(() => adminColumns(currentAdminId), [currentAdminId]);
  const rowActions = useMemo(() => adminRowActions(currentAdminId), [currentAdminId]);
  return (
    <DataTable
      label="Administrators"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      sort={sort}
      noResults={{ page: "No administrators on this page" }}
      rowActions={rowActions}
    />
  );
}
