"use client";

import { useMemo } from "react";
import { dateCell, expiryCell, NameLink } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type DataTableSort, type TablePage } from "@/components/data-table/data-table";
import { DataTableSelectFilter } from "@/components/data-table/data-table-filter";
import { filtersNoResults, searchNoResults, type NoResults } from "@/components/data-table/data-table-no-results";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { CopyButton } from "@/components/ui/copy-button";
import type { TokenFilter } from "@/lib/service-tokens/filters";
import { SERVICE_TOKENS_PER_PAGE, statusFilterOptions, TOKEN_FILTER_LABELS } from "./list-options";
import { useServiceTokenRowActions } from "./service-token-row-actions";
import { TokenStatusBadge } from "./token-status-badge";
import type { ServiceTokenRow } from "./types";

const col = createDataTableColumnHelper<ServiceTokenRow>();

// Column ids are the server's sort keys (SORT_COLUMNS), so a header click maps straight to `sort`.
// `now`: the page's clock, for the expiry countdown.
const tokenColumns = (now: Date) =>
  col.columns([
    col.accessor("name", {
      header: "Name",
      meta: { fill: true },
      cell: ({ row }) => <NameLink href={`/service-tokens/${row.original.id}`} name={row.original.name} />,
    }),
    col.accessor("clientId", {
      header: "Client ID",
      cell: ({ getValue }) => (
        <div className="flex items-center gap-1">
          <code className="block max-w-[6.5rem] truncate font-mono text-xs text-zinc-700 xl:max-w-[14rem] 2xl:max-w-[18rem]" title={getValue()}>
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
      cell: expiryCell(now, "Never"),
    }),
    col.accessor("lastSeenAt", {
      header: "Last seen",
      cell: dateCell("Never"),
    }),
    col.accessor("createdAt", {
      header: "Created",
      cell: dateCell(),
    }),
  ]);

const SEARCH_MISS = "No service token has this text in its name or Client ID.";

/** "No results": of the search alone, or of the status filter (with the search, if any). */
function noResults(search: string, status: TokenFilter | undefined, searchProblem: string | null): NoResults["filtered"] {
  if (searchProblem || !status) return searchNoResults(search, SEARCH_MISS, searchProblem);
  const label = TOKEN_FILTER_LABELS[status];
  return filtersNoResults(
    true,
    search ? `No results for “${search}” among “${label}” tokens` : `No service tokens are “${label}”`,
    "Choose another status, or reset the filters to see every token.",
    { status: null, q: null },
  );
}

export function ServiceTokensTable({
  list,
  sort,
  search,
  status,
  searchProblem = null,
  canWrite,
  now,
}: {
  list: TablePage<ServiceTokenRow>;
  sort: DataTableSort;
  search: string;
  /** The ?status= filter applied (lib/service-tokens/filters.ts). */
  status?: TokenFilter;
  /** Why the page refused the search in the URL (list-params.ts). */
  searchProblem?: string | null;
  canWrite: boolean;
  /** The page's clock: the expiry countdown reads the same on the server and in the browser. */
  now: Date;
}) {
  const rowActions = useServiceTokenRowActions(canWrite);
  const columns = useMemo(() => tokenColumns(now), [now]);
  return (
    <DataTable
      label="Service tokens"
      columns={columns}
      list={list}
      perPageOptions={SERVICE_TOKENS_PER_PAGE}
      sort={sort}
      toolbar={
        <>
          <DataTableSearch label="Search service tokens" placeholder="Search by name or Client ID" />
          <DataTableSelectFilter label="Filter by status" param="status" allLabel="All statuses" options={statusFilterOptions(status)} className="w-full sm:w-52" />
        </>
      }
      noResults={{ page: "No service tokens on this page", filtered: noResults(search, status, searchProblem) }}
      rowActions={rowActions}
    />
  );
}
