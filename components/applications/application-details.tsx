import { CopyButton } from "@/components/ui/copy-button";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { sessionDurationLabel } from "./session-duration";
import type { AppSummary } from "./types";

function When({ date, now, empty = "Never" }: { date: Date | null; now: Date; empty?: string }) {
  if (!date) return <span className="text-zinc-500">{empty}</span>;
  return (
    <span>
      <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>
      <span className="ml-2 text-zinc-500">({formatRelative(date, now)})</span>
    </span>
  );
}

function Item({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

/** Every field of an application, for its page. */
export function ApplicationDetails({ app, now }: { app: AppSummary; now: Date }) {
  return (
    <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
      <Item label="Name">{app.name}</Item>
      <Item label="Domain" wide>
        <span className="flex items-center gap-1">
          <code className="font-mono text-[13px] break-all">{app.domain}</code>
          <CopyButton value={app.domain} label="Copy domain" />
        </span>
      </Item>
      <Item label="Application Audience (AUD) Tag" wide>
        <span className="flex items-center gap-1">
          <code className="font-mono text-xs break-all text-zinc-700">{app.aud}</code>
          <CopyButton value={app.aud} label="Copy AUD tag" />
        </span>
      </Item>
      <Item label="Session duration">
        {sessionDurationLabel(app.sessionDuration)}
        {sessionDurationLabel(app.sessionDuration) !== app.sessionDuration ? <span className="ml-2 font-mono text-xs text-zinc-500">{app.sessionDuration}</span> : null}
      </Item>
      <Item label="Single header name">
        {app.readServiceTokensFromHeader ? <code className="font-mono text-[13px]">{app.readServiceTokensFromHeader}</code> : <span className="text-zinc-500">Not set</span>}
      </Item>
      <Item label="Return 401 for Service Auth">{app.serviceAuth401Redirect ? "Yes" : "No"}</Item>
      <Item label="Tokens last revoked">
        <When date={app.lastRevokedAt} now={now} />
      </Item>
      <Item label="Created">
        <When date={app.createdAt} now={now} />
      </Item>
      <Item label="Updated">
        <When date={app.updatedAt} now={now} />
      </Item>
      <Item label="Type">Self-hosted</Item>
      <Item label="Application ID">
        <code className="font-mono text-xs text-zinc-600">{app.id}</code>
      </Item>
    </dl>
  );
}
