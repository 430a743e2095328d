import { Activity } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatRelative, formatTimestamp } from "@/components/ui/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

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
}

const REASONS: Record<string, string> = {
  ok: "Allowed",
  missing_credentials: "No credentials",
  invalid_credentials: "Invalid credentials",
  unknown_client_id: "Unknown Client ID",
  invalid_client_secret: "Wrong Client Secret",
  expired: "Token expired",
  disabled: "Token disabled",
  no_policy_match: "No policy matched",
  denied_by_policy: "Blocked by a policy",
  invalid_jwt: "Invalid JWT",
  jwt_expired: "JWT expired",
  jwt_revoked: "JWT revoked",
  strict_mode: "Refused by strict mode",
  rate_limited: "Rate limited",
};

function reasonLabel(reason: string): string {
  if (REASONS[reason]) return REASONS[reason];
  const words = reason.replace(/_+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : reason;
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
