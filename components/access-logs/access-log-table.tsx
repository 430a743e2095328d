"use client";

import Link from "next/link";
import { momentCell, TRUNCATED_LINK } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { DataTableSelectFilter } from "@/components/data-table/data-table-filter";
import { filtersNoResults } from "@/components/data-table/data-table-no-results";
import { Badge } from "@/components/ui/badge";
import { ACCESS_LOG_PER_PAGE, OUTCOMES, TIME_RANGES } from "./list-options";
import { ACCESS_LOG_REASON_OPTIONS, reasonLabel } from "./reason-labels";
import { TokenFilterChip } from "./token-filter-chip";
import type { AccessLogEntry, FilterOption } from "./types";

const col = createDataTableColumnHelper<AccessLogEntry>();

const pad = (n: number) => String(n).padStart(2, "0");
/** "14:03:09 UTC": attempts come seconds apart, so the time keeps its seconds. */
const timeWithSeconds = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;

const Missing = () => <span className="text-zinc-400">—</span>;
const top = "align-top py-3";
// A cell whose text is cut with an ellipsis (full text in its title): a grid, so that the table can
// narrow it down to its min-width and no further; a plain block would keep the width of its
// longest unbreakable word (a user agent, an IPv6 address) and push the table out of its card.
const truncating = "grid min-w-[8rem]";

const columns = col.columns([
  col.accessor("createdAt", {
    header: "Time",
    cell: momentCell(timeWithSeconds),
    meta: { cellClassName: top },
  }),
  col.accessor("allowed", {
    header: "Outcome",
    cell: ({ getValue }) => (
      <Badge tone={getValue() ? "green" : "red"} dot>
        {getValue() ? "Allowed" : "Refused"}
      </Badge>
    ),
    meta: { cellClassName: top },
  }),
  col.accessor("reason", {
    header: "Reason",
    cell: ({ getValue }) => (
      <span className="block max-w-[11rem] text-[13px] text-zinc-800" title={getValue()}>
        {reasonLabel(getValue())}
      </span>
    ),
    meta: { cellClassName: top },
  }),
  col.accessor("appDomain", {
    header: "Application",
    cell: ({ row }) => {
      const e = row.original;
      const label = e.appDomain ?? e.appName ?? e.appId;
      if (!label) return <Missing />;
      return (
        <span className={`${truncating} max-w-[16rem] gap-0.5`}>
          {e.appId ? (
            <Link href={`/applications/${e.appId}`} className={`${TRUNCATED_LINK} font-mono text-xs`} title={label}>
              {label}
            </Link>
          ) : (
            <code className="truncate font-mono text-xs text-zinc-700" title={label}>
              {label}
            </code>
          )}
          {e.appName && e.appName !== label ? (
            <span className="truncate text-xs text-zinc-500" title={e.appName}>
              {e.appName}
            </span>
          ) : null}
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("serviceTokenName", {
    header: "Service token",
    cell: ({ row }) => {
      const e = row.original;
      if (e.serviceTokenId && e.serviceTokenName) {
        return (
          <span className={`${truncating} max-w-[15rem]`}>
            <Link href={`/service-tokens/${e.serviceTokenId}`} className={`${TRUNCATED_LINK} font-medium`} title={e.serviceTokenName}>
              {e.serviceTokenName}
            </Link>
          </span>
        );
      }
      // A deleted token (its page is gone: no link), or a Client ID no token has: what the client sent.
      // The reason column says which.
      const sent = e.clientId ?? e.serviceTokenId;
      if (!sent) return <Missing />;
      return (
        <span className={`${truncating} max-w-[15rem] gap-0.5`}>
          <code className="truncate font-mono text-xs text-zinc-700" title={sent}>
            {sent}
          </code>
          {e.serviceTokenId ? <span className="text-xs text-zinc-500">Deleted token</span> : null}
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("ipAddress", {
    header: "Client IP",
    cell: ({ getValue }) =>
      getValue() ? (
        <span className="grid max-w-[13rem] min-w-[7rem]">
          <code className="truncate font-mono text-xs" title={getValue()!}>
            {getValue()}
          </code>
        </span>
      ) : (
        <Missing />
      ),
    meta: { cellClassName: top },
  }),
  col.accessor("count", {
    header: "Count",
    cell: ({ getValue }) =>
      getValue() > 1 ? (
        <span className="text-xs font-medium whitespace-nowrap text-zinc-700 tabular-nums" title={`${getValue().toLocaleString("en-US")} attempts in this minute`}>
          ×{getValue().toLocaleString("en-US")}
        </span>
      ) : null,
    meta: { cellClassName: `${top} text-right`, headerClassName: "text-right" },
  }),
  col.accessor("userAgent", {
    header: "User agent",
    cell: ({ getValue }) =>
      getValue() ? (
        <span className={`${truncating} max-w-[16rem]`}>
          <span className="truncate text-xs text-zinc-600" title={getValue()!}>
            {getValue()}
          </span>
        </span>
      ) : (
        <Missing />
      ),
    meta: { cellClassName: top },
  }),
]);

const FILTER_RESET = { app: null, token: null, outcome: null, reason: null, range: null };

export function AccessLogTable({
  list,
  filtered,
  appOptions,
  token,
}: {
  list: TablePage<AccessLogEntry>;
  filtered: boolean;
  appOptions: FilterOption[];
  /** The service token the log is narrowed to (?token=), named when it still exists. */
  token: { id: string; name: string | null } | null;
}) {
  return (
    <DataTable
      label="Authentication log"
      columns={columns}
      list={list}
      perPageOptions={ACCESS_LOG_PER_PAGE}
      toolbar={
        <>
          <DataTableSelectFilter label="Filter by application" param="app" allLabel="All applications" options={appOptions} className="w-full sm:w-56" />
          <DataTableSelectFilter label="Filter by outcome" param="outcome" allLabel="All outcomes" options={OUTCOMES} className="w-full sm:w-40" />
          <DataTableSelectFilter label="Filter by time" param="range" allLabel="All time" options={TIME_RANGES} className="w-full sm:w-40" />
          <DataTableSelectFilter label="Filter by reason" param="reason" allLabel="All reasons" options={ACCESS_LOG_REASON_OPTIONS} className="w-full sm:w-56" />
          {token ? <TokenFilterChip id={token.id} name={token.name} /> : null}
        </>
      }
      noResults={{
        page: "No attempts on this page",
        filtered: filtersNoResults(filtered, "No authentication attempts match these filters", "Try another application, outcome, reason or time range.", FILTER_RESET),
      }}
    />
  );
}
