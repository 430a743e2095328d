import { CopyButton } from "@/components/ui/copy-button";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { durationLabel } from "./duration-label";
import { TokenStatusBadge } from "./token-status-badge";
import { tokenStatus } from "@/lib/service-tokens/duration";
import type { ServiceTokenSummary } from "./types";

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

/** Every field of a token (never a secret), for the token page. */
export function ServiceTokenDetails({ token, now }: { token: ServiceTokenSummary; now: Date }) {
  const graceEnd = token.previousSecretExpiresAt;
  return (
    <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
      <Item label="Name">{token.name}</Item>
      <Item label="Client ID" wide>
        <span className="flex items-center gap-1">
          <code className="font-mono text-[13px] break-all">{token.clientId}</code>
          <CopyButton value={token.clientId} label="Copy Client ID" />
        </span>
      </Item>
      <Item label="Status">
        <TokenStatusBadge status={tokenStatus(token, now)} />
      </Item>
      <Item label="Enabled">{token.enabled ? "Yes" : "No: neither secret authenticates"}</Item>
      <Item label="Duration">
        {durationLabel(token.duration)}
        {durationLabel(token.duration) !== token.duration ? <span className="ml-2 font-mono text-xs text-zinc-500">{token.duration}</span> : null}
      </Item>
      <Item label="Expires">
        <When date={token.expiresAt} now={now} />
        {token.expiresAt === null ? <p className="mt-0.5 text-xs text-zinc-500">Non-expiring tokens do not need a refresh.</p> : null}
      </Item>
      <Item label="Last seen">
        <When date={token.lastSeenAt} now={now} />
      </Item>
      <Item label="Created">
        <When date={token.createdAt} now={now} />
      </Item>
      <Item label="Updated">
        <When date={token.updatedAt} now={now} />
      </Item>
      <Item label="Client secret version">{token.clientSecretVersion}</Item>
      {graceEnd ? (
        <Item label="Previous secret valid until">
          <When date={graceEnd} now={now} />
          {graceEnd <= now ? <p className="mt-0.5 text-xs text-zinc-500">The grace period has ended; only the current secret works.</p> : null}
        </Item>
      ) : null}
      <Item label="Token ID">
        <code className="font-mono text-xs text-zinc-600">{token.id}</code>
      </Item>
    </dl>
  );
}
