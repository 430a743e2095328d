"use client";

import Link from "next/link";
import { useMemo } from "react";
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
import type { AuditEntry, AuditNames } from "./types";

const col = createDataTableColumnHelper<AuditEntry>();

/** The page of an object the log links to, while it exists. */
const OBJECT_PAGES: Record<string, string> = { service_token: "/service-tokens", app: "/applications" };

const auditColumns = (names: AuditNames) =>
  col.columns([
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
        const page = OBJECT_PAGES[e.objectType];
        const linkable = page && e.objectId && !e.action.endsWith(".delete");
        // Two lines of the name, wrapped anywhere (a 255-character name has no spaces to break at); all of it on hover.
        const nameClass = "line-clamp-2 font-medium [overflow-wrap:anywhere]";
        return (
          <span className="grid gap-0.5" data-testid="audit-object">
            {linkable ? (
              <Link href={`${page}/${e.objectId}`} className={`${nameClass} text-blue-700 hover:underline`} title={name}>
                {name}
              </Link>
            ) : (
              <span className={`${nameClass} text-zinc-900`} title={name}>
                {name}
              </span>
            )}
            <span className="text-xs text-zinc-500">{objectTypeLabel(e.objectType)}</span>
          </span>
        );
      },
      // The object has the width it needs to be read: a fifth of the table, never under 11rem.
      meta: { headerClassName: "w-1/5 min-w-[11rem]", cellClassName: "align-top py-3 w-1/5 min-w-[11rem] max-w-[20rem]" },
    }),
    col.display({
      id: "changes",
      header: "Changes",
      cell: ({ row }) => <AuditChanges before={row.original.before} after={row.original.after} names={names} />,
      meta: { cellClassName: "align-top py-3 min-w-[16rem]" },
    }),
  ]);

const FILTER_RESET = { q: null, action: null };

/** `names`: what the entries name by id (the domain's); `searchProblem`: why the page refused the search in the URL (list-params.ts). */
export function AuditLogTable({
  list,
  names,
  filtered,
  searchProblem = null,
}: {
  list: TablePage<AuditEntry>;
  names: AuditNames;
  filtered: boolean;
  searchProblem?: string | null;
}) {
  const columns = useMemo(() => auditColumns(names), [names]);
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
