"use client";

import { dateCell } from "@/components/data-table/cells";
import { createDataTableColumnHelper, DataTable, type TablePage } from "@/components/data-table/data-table";
import { PAGED_LIST_PER_PAGE } from "@/components/data-table/page-sizes";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { Badge } from "@/components/ui/badge";
import { alertPolicyRowActions } from "./alert-policy-row-actions";
import { leadTimesLabel } from "./list-options";
import type { AlertPolicySummary, AlertTypeOption, WebhookOption } from "./types";

const col = createDataTableColumnHelper<AlertPolicySummary>();

const None = () => <span className="text-zinc-400">None</span>;

/** A cell's list of names: each on its line, cut with an ellipsis, the whole of it in its title. */
function NameList({ names, label }: { names: string[]; label: string }) {
  if (names.length === 0) return <None />;
  return (
    <ul aria-label={label} className="grid max-w-[14rem] min-w-[8rem] gap-0.5 xl:max-w-[18rem]" title={names.join("\n")}>
      {names.slice(0, 3).map((n, i) => (
        <li key={i} className="truncate text-[13px]">
          {n}
        </li>
      ))}
      {names.length > 3 ? <li className="text-xs text-zinc-500">and {names.length - 3} more</li> : null}
    </ul>
  );
}

const top = "align-top py-3";

const columns = col.columns([
  col.accessor("name", {
    header: FIELD_LABELS.name,
    cell: ({ row }) => {
      const p = row.original;
      return (
        <span className="grid max-w-[16rem] min-w-[10rem] gap-0.5 xl:max-w-[24rem]">
          <span className="truncate font-medium text-zinc-900" title={p.name}>
            {p.name}
          </span>
          {p.description ? (
            <span className="truncate text-xs text-zinc-500" title={p.description}>
              {p.description}
            </span>
          ) : null}
          {p.tokenIds.length > 0 ? (
            <span className="text-xs text-zinc-500">
              Only {p.tokenIds.length} service token{p.tokenIds.length === 1 ? "" : "s"}
            </span>
          ) : null}
        </span>
      );
    },
    meta: { cellClassName: top },
  }),
  col.accessor("leadDays", {
    header: FIELD_LABELS["filters.days_before_expiration"],
    cell: ({ getValue }) => <span className="whitespace-nowrap">{leadTimesLabel(getValue())}</span>,
    meta: { cellClassName: top },
  }),
  col.accessor("emailRecipients", {
    header: FIELD_LABELS["mechanisms.email"],
    cell: ({ getValue }) => <NameList names={getValue()} label={FIELD_LABELS["mechanisms.email"]} />,
    meta: { cellClassName: top },
  }),
  col.accessor("webhooks", {
    header: FIELD_LABELS["mechanisms.webhooks"],
    cell: ({ getValue }) => <NameList names={getValue().map((w) => w.name)} label={FIELD_LABELS["mechanisms.webhooks"]} />,
    meta: { cellClassName: top },
  }),
  col.accessor("enabled", {
    header: FIELD_LABELS.enabled,
    cell: ({ getValue }) => (
      <Badge tone={getValue() ? "green" : "zinc"} dot>
        {getValue() ? "Enabled" : "Disabled"}
      </Badge>
    ),
    meta: { cellClassName: top },
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: dateCell(),
    meta: { cellClassName: top },
  }),
]);

export function AlertPoliciesTable({
  list,
  canWrite,
  alertTypes,
  webhookOptions,
}: {
  list: TablePage<AlertPolicySummary>;
  canWrite: boolean;
  alertTypes: AlertTypeOption[];
  webhookOptions: WebhookOption[];
}) {
  return (
    <DataTable
      label="Notifications"
      columns={columns}
      list={list}
      perPageOptions={PAGED_LIST_PER_PAGE}
      noResults={{ page: "No notifications on this page" }}
      rowActions={canWrite ? alertPolicyRowActions(alertTypes, webhookOptions) : undefined}
    />
  );
}
