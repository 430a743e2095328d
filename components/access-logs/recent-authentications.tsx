import { Activity } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { formatDateTime, formatRelative, formatTimestamp } from "@/components/ui/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { reasonLabel } from "./reason-labels";

/** One row of the access log as the dashboard shows it (the domain's AccessLogView has this shape). */
export interface AccessAttemptEntry {
  id: string;
  createdAt: Date;
  allowed: boolean;
  reason: string;
  appDomain: string | null;
  clientId: string | null;
  ipAddress: string | null;
  rayId: string;
  /** Attempts the row stands for (successes and rate-limited refusals are aggregated per minute). */
  count?: number;
}

/**
 * The latest authentication attempts of a service token or an application. `show` picks the
 * column that names the other side: the application's domain on a token's page, the Client ID on
 * an application's page.
 */
export function RecentAuthentications({ entries, now, show }: { entries: AccessAttemptEntry[]; now: Date; show: "domain" | "clientId" }) {
  if (entries.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-10 text-center">
        <Activity className="size-7 text-zinc-300" aria-hidden />
        <p className="mt-3 text-sm font-medium text-zinc-900">No authentications yet</p>
        <p className="mt-1 max-w-md text-sm text-zinc-500">Each check by the validation endpoint, allowed or refused, will be listed here.</p>
      </div>
    );
  }
  return (
    <Table aria-label="Recent authentications">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Time</TableHead>
          <TableHead>Result</TableHead>
          <TableHead>{show === "domain" ? "Application" : "Client ID"}</TableHead>
          <TableHead>IP address</TableHead>
          <TableHead>Ray ID</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => {
          const other = show === "domain" ? e.appDomain : e.clientId;
          return (
            <TableRow key={e.id}>
              <TableCell>
                <time dateTime={e.createdAt.toISOString()} title={formatTimestamp(e.createdAt)} className="whitespace-nowrap">
                  {formatDateTime(e.createdAt)}
                  <span className="ml-2 text-xs text-zinc-500">{formatRelative(e.createdAt, now)}</span>
                </time>
              </TableCell>
              <TableCell>
                <Badge tone={e.allowed ? "green" : "red"} dot>
                  {e.allowed ? "Allowed" : reasonLabel(e.reason)}
                </Badge>
                {e.count !== undefined && e.count > 1 ? (
                  <span className="ml-1.5 text-xs text-zinc-500 tabular-nums" title={`${e.count} attempts in this minute`}>
                    ×{e.count}
                  </span>
                ) : null}
              </TableCell>
              <TableCell>
                {other ? (
                  <code className="block max-w-[18rem] truncate font-mono text-xs" title={other}>
                    {other}
                  </code>
                ) : (
                  <span className="text-zinc-400">—</span>
                )}
              </TableCell>
              <TableCell>{e.ipAddress ? <code className="font-mono text-xs">{e.ipAddress}</code> : <span className="text-zinc-400">—</span>}</TableCell>
              <TableCell>
                <code className="font-mono text-xs text-zinc-500">{e.rayId}</code>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** How many attempts a token's or an application's page lists. */
export const RECENT_AUTHENTICATIONS = 10;

/** The card of a detail page around them, with the way to the whole log (`logHref`, narrowed to the object). */
export function RecentAuthenticationsCard({ of, logHref, ...props }: { of: string; logHref: string; entries: AccessAttemptEntry[]; now: Date; show: "domain" | "clientId" }) {
  return (
    <SectionCard
      title="Recent authentications"
      description={`The ${RECENT_AUTHENTICATIONS} latest checks of ${of}.`}
      action={
        <Button asChild variant="secondary" size="sm">
          <Link href={logHref}>View all</Link>
        </Button>
      }
    >
      <RecentAuthentications {...props} />
    </SectionCard>
  );
}
