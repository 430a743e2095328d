"use client";

import Link from "next/link";
import { momentCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { DataTableSelectFilter } from "@/components/data-table/data-table-filter";
import { filtersNoResults, refusedSearch } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { formatTime } from "@/components/ui/format";
import { AuditActionBadge } from "./audit-action-badge";
import { AuditActor } from "./audit-actor";
import { AuditChanges } from "./audit-changes";
import { AUDIT_ACTION_OPTIONS, objectTypeLabel } from "./audit-labels";
import { AUDIT_PER_PAGE } from "./list-options";
import type { AuditEntry } from "./types";

const col = createDataTableColumnHelper<AuditEntry>();

const columns = col.columns([
  col.accessor("createdAt", {
    header: "Time",
    cell: momentCell(formatTime),
    meta: { cellClassName: "align-top py-3" },
  }),
  col.accessor("actorLabel", {
    header: "Actor",
    cell: ({ row }) => (
      <span className="block max-w-[10rem] xl:max-w-[16rem]">
        <AuditActor type={row.original.actorType} label={row.original.actorLabel} />
      </span>
    ),
    meta: { cellClassName: "align-top py-3" },
  }),
  col.accessor("action", {
    header: "Action",
    cell: ({ getValue }) => <AuditActionBadge action={getValue()} />,
    meta: { cellClassName: "align-top py-3" },
  }),
  col.accessor("objectName", {
    header: "Object",
    cell: ({ row }) => {
      const e = row.original;
      const name = e.objectName ?? e.objectId ?? "—";
      const linkable = e.objectType === "service_token" && e.objectId && !e.action.endsWith(".delete");
      return (
        <span className="grid max-w-[9rem] gap-0.5 xl:max-w-[14rem]">
          {linkable ? (
            <Link href={`/service-tokens/${e.objectId}`} className="truncate font-medium text-blue-700 hover:underline" title={name}>
              {name}
            </Link>
          ) : (
            <span className="truncate font-medium text-zinc-900" title={name}>
              {name}
            </span>
          )}
          <span className="text-xs text-zinc-500">{objectTypeLabel(e.objectType)}</span>
        </span>
      );
    },
    meta: { cellClassName: "align-top py-3" },
  }),
  col.display({
    id: "changes",
    header: "Changes",
    cell: ({ row }) => <AuditChanges before={row.original.before} after={row.original.after} />,
    meta: { cellClassName: "align-top py-3 min-w-[13rem]" },
  }),
]);

const FILTER_RESET = { q: null, action: null };

/** `searchProblem`: why the page refused the search in the URL (list-params.ts). */
export function AuditLogTable({ list, filtered, searchProblem = null }: { list: TablePage<AuditEntry>; filtered: boolean; searchProblem?: string | null }) {
  return (
    <DataTable
      label="Audit log"
      columns={columns}
      list={list}
      perPageOptions={AUDIT_PER_PAGE}
      toolbar={
        <>
          <DataTableSearch label="Search audit log" placeholder="Search by actor or object name" />
          <DataTableSelectFilter label="Filter by action" param="action" allLabel="All actions" options={AUDIT_ACTION_OPTIONS} className="w-64" />
        </>
      }
      noResults={{
        page: "No events on this page",
        filtered: searchProblem
          ? refusedSearch(searchProblem)
          : filtersNoResults(filtered, "No events match these filters", "Try another action or search term.", FILTER_RESET),
      }}
    />
  );
}
