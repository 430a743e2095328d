import { CopyButton } from "@/components/ui/copy-button";
import { DetailItem, When } from "@/components/ui/detail-list";
import { sessionDurationLabel } from "./session-duration";
import type { AppSummary } from "./types";

/** Every field of an application, for its page. */
export function ApplicationDetails({ app, now }: { app: AppSummary; now: Date }) {
  return (
    <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
      <DetailItem label="Name">{app.name}</DetailItem>
      <DetailItem label="Domain" wide>
        <span className="flex items-center gap-1">
          <code className="font-mono text-[13px] break-all">{app.domain}</code>
          <CopyButton value={app.domain} label="Copy domain" />
        </span>
      </DetailItem>
      <DetailItem label="Application Audience (AUD) Tag" wide>
        <span className="flex items-center gap-1">
          <code className="font-mono text-xs break-all text-zinc-700">{app.aud}</code>
          <CopyButton value={app.aud} label="Copy AUD tag" />
        </span>
      </DetailItem>
      <DetailItem label="Session duration">
        {sessionDurationLabel(app.sessionDuration)}
        {sessionDurationLabel(app.sessionDuration) !== app.sessionDuration ? <span className="ml-2 font-mono text-xs text-zinc-500">{app.sessionDuration}</span> : null}
      </DetailItem>
      <DetailItem label="Single header name">
        {app.readServiceTokensFromHeader ? <code className="font-mono text-[13px]">{app.readServiceTokensFromHeader}</code> : <span className="text-zinc-500">Not set</span>}
      </DetailItem>
      <DetailItem label="Return 401 for Service Auth">{app.serviceAuth401Redirect ? "Yes" : "No"}</DetailItem>
      <DetailItem label="Tokens last revoked">
        <When date={app.lastRevokedAt} now={now} />
      </DetailItem>
      <DetailItem label="Created">
        <When date={app.createdAt} now={now} />
      </DetailItem>
      <DetailItem label="Updated">
        <When date={app.updatedAt} now={now} />
      </DetailItem>
      <DetailItem label="Type">Self-hosted</DetailItem>
      <DetailItem label="Application ID">
        <code className="font-mono text-xs text-zinc-600">{app.id}</code>
      </DetailItem>
    </dl>
  );
}
