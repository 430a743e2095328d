"use client";

import Link from "next/link";
import { momentCell, TRUNCATED_LINK } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { DataTableSelectFilter } from "@/components/data-table/data-table-filter";
import { filtersNoResults } from "@/components/data-table/data-table-no-results";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatTime } from "@/components/ui/format";
import { HISTORY_PER_PAGE, leadTimeLabel, MECHANISM_LABELS, MECHANISM_OPTIONS, STATUS_LABELS, STATUS_OPTIONS } from "./list-options";
import type { DeliveryRow } from "./types";

const col = createDataTableColumnHelper<DeliveryRow>();

const top = "align-top py-3";
const Missing = () => <span className="text-zinc-400">—</span>;
const moment = momentCell(formatTime);

const columns = col.columns([
  col.accessor("createdAt", {
    header: "Time",
    cell: moment,
    meta: { cellClassName: top },
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row }) => {
      const d = row.original;
      const status = STATUS_LABELS[d.status];
      return (
        <span className="grid justify-items-start gap-1">
          <Badge tone={status.tone} dot>
            {status.label}
          </Badge>
          {d.attempts > 1 ? (
            <span className="text-xs whitespace-nowrap text-zinc-500" title={d.attemptLog.map((a) => `${a.at}: ${a.outcome}`).join("\n")}>
              {d.attempts} attempts
            </span>
          ) : null}
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("policyName", {
    header: "Notification",
    cell: ({ getValue }) => (
      <span className="block max-w-[12rem] min-w-[8rem] truncate text-[13px] font-medium text-zinc-900 xl:max-w-[14rem]" title={getValue()}>
        {getValue()}
      </span>
    ),
    meta: { cellClassName: top },
  }),
  col.accessor("serviceTokenName", {
    header: "Service token",
    cell: ({ row }) => {
      const d = row.original;
      return (
        <span className="grid max-w-[14rem] min-w-[9rem] gap-0.5 xl:max-w-[18rem]">
          {d.tokenExists ? (
            <Link
              href={`/service-tokens/${d.serviceTokenId}`}
              className={cn(TRUNCATED_LINK, "text-[13px] font-medium")}
              title={d.serviceTokenName}
            >
              {d.serviceTokenName}
            </Link>
          ) : (
            <span className="truncate text-[13px] text-zinc-800" title={`${d.serviceTokenName} (deleted)`}>
              {d.serviceTokenName}
            </span>
          )}
          <span className="text-xs text-zinc-500">
            Expires {formatDateTime(d.expiresAt)} · {leadTimeLabel(d.leadDays)}
          </span>
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("mechanism", {
    header: "Sent to",
    cell: ({ row }) => {
      const d = row.original;
      const target = d.mechanism === "email" ? d.target : (d.targetName ?? d.target);
      return (
        <span className="grid max-w-[14rem] min-w-[8rem] gap-0.5 xl:max-w-[18rem]">
          <span className="text-xs font-medium text-zinc-500">{MECHANISM_LABELS[d.mechanism]}</span>
          <span className="truncate text-[13px] text-zinc-800" title={target}>
            {target}
          </span>
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("error", {
    header: "Error",
    cell: ({ getValue }) =>
      getValue() ? (
        <span className="grid max-w-[16rem] min-w-[8rem]">
          <code className="truncate font-mono text-xs text-red-700" title={getValue()!}>
            {getValue()}
          </code>
        </span>
      ) : (
        <Missing />
      ),
    meta: { cellClassName: top },
  }),
  col.accessor("sentAt", {
    header: "Sent",
    cell: ({ getValue }) => {
      const value = getValue();
      return value ? moment({ getValue: () => value }) : <Missing />;
    },
    meta: { cellClassName: top },
  }),
]);

const FILTER_RESET = { policy_id: null, mechanism_type: null, status: null };

export function HistoryTable({
  list,
  filtered,
  policyOptions,
}: {
  list: TablePage<DeliveryRow>;
  filtered: boolean;
  policyOptions: { value: string; label: string }[];
}) {
  return (
    <DataTable
      label="Delivery history"
      columns={columns}
      list={list}
      perPageOptions={HISTORY_PER_PAGE}
      toolbar={
        <>
          <DataTableSelectFilter label="Filter by notification" param="policy_id" allLabel="All notifications" options={policyOptions} className="w-full sm:w-64" />
          <DataTableSelectFilter label="Filter by mechanism" param="mechanism_type" allLabel="Email and webhooks" options={MECHANISM_OPTIONS} className="w-full sm:w-44" />
          <DataTableSelectFilter label="Filter by status" param="status" allLabel="All statuses" options={STATUS_OPTIONS} className="w-full sm:w-40" />
        </>
      }
      noResults={{
        page: "No deliveries on this page",
        filtered: filtersNoResults(filtered, "No deliveries match these filters", "Try another notification, mechanism or status.", FILTER_RESET),
      }}
    />
  );
}
