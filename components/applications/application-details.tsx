import { FIELD_LABELS } from "@/components/forms/field-labels";
import { CopyableCode, DetailItem, DurationValue, When } from "@/components/ui/detail-list";
import { sessionDurationLabel } from "./session-duration";
import type { AppSummary } from "./types";

/** Every field of an application, for its page. */
export function ApplicationDetails({ app, now }: { app: AppSummary; now: Date }) {
  return (
    <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
      <DetailItem label={FIELD_LABELS.name}>{app.name}</DetailItem>
      <DetailItem label={FIELD_LABELS.domain} wide>
        <CopyableCode value={app.domain} copyLabel="Copy domain" />
      </DetailItem>
      <DetailItem label={FIELD_LABELS.aud} wide>
        <CopyableCode value={app.aud} copyLabel="Copy AUD tag" className="text-xs text-zinc-700" />
      </DetailItem>
      <DetailItem label={FIELD_LABELS.session_duration}>
        <DurationValue label={sessionDurationLabel(app.sessionDuration)} value={app.sessionDuration} />
      </DetailItem>
      <DetailItem label={FIELD_LABELS.read_service_tokens_from_header}>
        {app.readServiceTokensFromHeader ? <code className="font-mono text-[13px]">{app.readServiceTokensFromHeader}</code> : <span className="text-zinc-500">Not set</span>}
      </DetailItem>
      <DetailItem label={FIELD_LABELS.service_auth_401_redirect}>{app.serviceAuth401Redirect ? "Yes" : "No"}</DetailItem>
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
