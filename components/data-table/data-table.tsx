"use client";

import {
  createColumnHelper,
  functionalUpdate,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DataTableNoResults, type NoResults } from "./data-table-no-results";
import { DataTablePagination } from "./data-table-pagination";
import { RowActionsProvider, RowActionsTrigger, type RowActions } from "./row-actions";
import { TableParamsProvider, useTableParamsState } from "./use-table-params";

// The one TanStack Table wrapper. The server owns sorting and pagination (manual mode): the page
// reads page/per_page/sort/order from the URL, fetches one page, and hands it here; every change
// goes back into the URL.

export interface DataTableColumnMeta {
  headerClassName?: string;
  cellClassName?: string;
  /**
   * The column that takes the room the others leave (a name): the table then fits its card, and
   * the cell's content, a `block truncate` element, is cut to fit. On a screen too narrow for the
   * column's minimum the table scrolls inside its card.
   */
  fill?: boolean;
}

// max-w-0 lets the column shrink below its content; min-w keeps a phone's table from squeezing it to nothing.
const FILL_CLASSES = "w-full max-w-0 min-w-36";

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});
export type DataTableFeatures = typeof dataTableFeatures;
/** Columns of one table carry different value types, hence `any` for the value. */
export type DataTableColumns<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>[];

export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

/** The last column of a table with row actions: each row's "…" button (row-actions.tsx). */
const actionsColumn = createDataTableColumnHelper<any>().display({
  id: "actions",
  header: () => <span className="sr-only">Actions</span>,
  cell: ({ row }) => <RowActionsTrigger id={row.id} row={row.original} />,
  meta: { headerClassName: "w-12", cellClassName: "w-12 py-0 text-right" },
});

export interface DataTableSort {
  column: string;
  order: "asc" | "desc";
}

/** One page of a list, as the server fetched it. */
export interface TablePage<TData> {
  items: TData[];
  total: number;
  page: number;
  perPage: number;
}

export interface DataTableProps<TData extends { id: string }> {
  /** Names the table for assistive technology. */
  label: string;
  columns: DataTableColumns<TData>;
  list: TablePage<TData>;
  perPageOptions: readonly number[];
  /** The server's current order; omit for a table without sorting. */
  sort?: DataTableSort;
  /** Search box, filters: rendered above the table, inside its URL-state context. */
  toolbar?: React.ReactNode;
  /** What the body says when this page has no rows. */
  noResults: NoResults;
  /** Each row's "…" menu and its dialogs: an actions column is added, and one menu serves every row. */
  rowActions?: RowActions<TData, any>;
}

const rowId = (row: { id: string }) => row.id;

export function DataTable<TData extends { id: string }>({
  label,
  columns,
  list: { items: data, total, page, perPage },
  perPageOptions,
  sort,
  toolbar,
  noResults,
  rowActions,
}: DataTableProps<TData>) {
  const params = useTableParamsState();
  const { setParams, pending } = params;

  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort.column, desc: sort.order === "desc" }] : []), [sort]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page - 1, pageSize: perPage }), [page, perPage]);
  const withActions = rowActions !== undefined;
  const allColumns = useMemo(() => (withActions ? [...columns, actionsColumn] : columns), [columns, withActions]);

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data,
    getRowId: rowId,
    rowCount: total,
    manualSorting: true,
    manualPagination: true,
    enableSorting: sort !== undefined,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next) setParams({ sort: next.id, order: next.desc ? "desc" : "asc" });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      if (next.pageSize !== pagination.pageSize) setParams({ per_page: next.pageSize });
      else setParams({ page: next.pageIndex + 1 }, { keepPage: true });
    },
  });

  const rows = table.getRowModel().rows;
  const body = (
    <Table aria-label={label}>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id} className="hover:bg-transparent">
            {group.headers.map((header) => {
              const column = header.column;
              const sorted = column.getIsSorted();
              const meta = column.columnDef.meta;
              return (
                <TableHead
                  key={header.id}
                  className={cn(meta?.fill && FILL_CLASSES, meta?.headerClassName)}
                  aria-sort={column.getCanSort() ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                >
                  {header.isPlaceholder ? null : column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={column.getToggleSortingHandler()}
                      className={cn(
                        "-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 tracking-wide uppercase outline-none hover:bg-zinc-200/60 hover:text-zinc-800 focus-visible:ring-2 focus-visible:ring-blue-500",
                        sorted && "text-zinc-900",
                      )}
                    >
                      <table.FlexRender header={header} />
                      {sorted === "asc" ? (
                        <ArrowUp className="size-3.5" aria-hidden />
                      ) : sorted === "desc" ? (
                        <ArrowDown className="size-3.5" aria-hidden />
                      ) : (
                        <ChevronsUpDown className="size-3.5 text-zinc-400" aria-hidden />
                      )}
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={allColumns.length} className="h-auto p-0">
              <DataTableNoResults {...noResults} />
            </TableCell>
          </TableRow>
        ) : (
          rows.map((row) => (
            <TableRow key={row.id}>
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={cn(cell.column.columnDef.meta?.fill && FILL_CLASSES, cell.column.columnDef.meta?.cellClassName)}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
  return (
    <TableParamsProvider value={params}>
      {toolbar ? <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-3">{toolbar}</div> : null}
      <div className={cn("transition-opacity", pending && "pointer-events-none opacity-60")} aria-busy={pending || undefined}>
        {rowActions ? (
          <RowActionsProvider actions={rowActions} rows={data}>
            {body}
          </RowActionsProvider>
        ) : (
          body
        )}
      </div>
      <DataTablePagination
        page={page}
        perPage={perPage}
        total={total}
        pageCount={table.getPageCount()}
        perPageOptions={perPageOptions}
        canPrevious={table.getCanPreviousPage()}
        canNext={table.getCanNextPage()}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
        onPerPage={(size) => table.setPageSize(size)}
      />
    </TableParamsProvider>
  );
}
