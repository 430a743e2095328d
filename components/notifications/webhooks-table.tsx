"use client";

import { dateCell, truncatedCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Badge } from "@/components/ui/badge";
import { webhookRowActions } from "./webhook-row-actions";
import type { WebhookSummary } from "./types";

const col = createDataTableColumnHelper<WebhookSummary>();

const columns = col.columns([
  col.accessor("name", {
    header: FIELD_LABELS.name,
    // The name takes what the other columns leave: dates where "Never" was must not push the table past its card.
    meta: { fill: true },
    cell: truncatedCell("font-medium text-zinc-900"),
  }),
  col.accessor("url", {
    header: FIELD_LABELS.url,
    cell: truncatedCell("max-w-[10rem] xl:max-w-[14rem]", { mono: true }),
  }),
  col.accessor("hasSecret", {
    header: FIELD_LABELS.secret,
    // Write-only: whether there is one, never what it is.
    cell: ({ getValue }) => (getValue() ? <Badge tone="blue">Set</Badge> : <span className="text-zinc-400">None</span>),
  }),
  col.accessor("lastSuccess", {
    header: "Last success",
    cell: dateCell("Never"),
  }),
  col.accessor("lastFailure", {
    header: "Last failure",
    cell: dateCell("Never"),
  }),
  col.accessor("policyCount", {
    header: "Used by",
    cell: ({ getValue }) =>
      getValue() === 0 ? (
        <span className="text-zinc-400">None</span>
      ) : (
        <span className="whitespace-nowrap">
          {getValue()} notification{getValue() === 1 ? "" : "s"}
        </span>
      ),
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: dateCell(),
  }),
]);

export function WebhooksTable({ list, canWrite }: { list: TablePage<WebhookSummary>; canWrite: boolean }) {
  return (
    <DataTable
      label="Webhook destinations"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      noResults={{ page: "No destinations on this page" }}
      rowActions={canWrite ? webhookRowActions : undefined}
    />
  );
}
