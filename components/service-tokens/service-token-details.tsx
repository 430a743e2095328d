import { tokenStatus } from "@/lib/service-tokens/duration";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { CopyableCode, DetailItem, DurationValue, When } from "@/components/ui/detail-list";
import { formatRelative, formatTimestamp } from "@/components/ui/format";
import { EndGraceButton } from "./end-grace-button";
import { durationLabel } from "./token-duration";
import { TokenStatusBadge } from "./token-status-badge";
import type { ServiceTokenSummary } from "./types";

/** The last use of the previous secret during a grace period (the validator records it). */
export interface PreviousSecretUsage {
  previousSecretLastSeenAt: Date | null;
  previousSecretLastSeenIp: string | null;
}

/** "Old secret last used 3 minutes ago from 10.0.0.7", or that it has not been used. */
function PreviousSecretUse({ usage, now }: { usage: PreviousSecretUsage; now: Date }) {
  const at = usage.previousSecretLastSeenAt;
  if (!at) return <p className="mt-0.5 text-xs text-zinc-500">Old secret not used since rotation</p>;
  return (
    <p className="mt-0.5 text-xs text-zinc-600">
      Old secret last used{" "}
      <time dateTime={at.toISOString()} title={formatTimestamp(at)}>
        {formatRelative(at, now)}
      </time>
      {usage.previousSecretLastSeenIp ? (
        <>
          {" "}
          from <code className="font-mono break-all">{usage.previousSecretLastSeenIp}</code>
        </>
      ) : null}
    </p>
  );
}

/** Every field of a token (never a secret), for the token page; `canWrite` adds "End grace now". */
export function ServiceTokenDetails({ token, now, canWrite = false }: { token: ServiceTokenSummary & PreviousSecretUsage; now: Date; canWrite?: boolean }) {
  const graceEnd = token.previousSecretExpiresAt;
  return (
    <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
      <DetailItem label={FIELD_LABELS.name}>{token.name}</DetailItem>
      <DetailItem label="Client ID" wide>
        <CopyableCode value={token.clientId} copyLabel="Copy Client ID" />
      </DetailItem>
      <DetailItem label="Status">
        <TokenStatusBadge status={tokenStatus(token, now)} />
      </DetailItem>
      <DetailItem label="Enabled">{token.enabled ? "Yes" : "No: neither secret authenticates"}</DetailItem>
      <DetailItem label="Duration">
        <DurationValue label={durationLabel(token.duration)} value={token.duration} />
      </DetailItem>
      <DetailItem label="Expires">
        <When date={token.expiresAt} now={now} />
        {token.expiresAt === null ? <p className="mt-0.5 text-xs text-zinc-500">Non-expiring tokens do not need a refresh.</p> : null}
      </DetailItem>
      <DetailItem label="Last seen">
        <When date={token.lastSeenAt} now={now} />
      </DetailItem>
      <DetailItem label="Created">
        <When date={token.createdAt} now={now} />
      </DetailItem>
      <DetailItem label="Updated">
        <When date={token.updatedAt} now={now} />
      </DetailItem>
      <DetailItem label="Client secret version">{token.clientSecretVersion}</DetailItem>
      {graceEnd ? (
        <DetailItem label="Previous secret valid until">
          <When date={graceEnd} now={now} />
          {graceEnd <= now ? (
            <p className="mt-0.5 text-xs text-zinc-500">The grace period has ended; only the current secret works.</p>
          ) : (
            <>
              <PreviousSecretUse usage={token} now={now} />
              {canWrite ? <EndGraceButton tokenId={token.id} tokenName={token.name} /> : null}
            </>
          )}
        </DetailItem>
      ) : null}
      <DetailItem label="Token ID">
        <code className="font-mono text-xs text-zinc-600">{token.id}</code>
      </DetailItem>
    </dl>
  );
}
