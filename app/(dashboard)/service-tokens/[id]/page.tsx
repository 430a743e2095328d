import type { Metadata } from "next";
import { listAccessLogs } from "@/lib/access/access-log";
import { policiesReferencingServiceToken } from "@/lib/access/policies";
import { listAuditLogs } from "@/lib/audit/query";
import { actorCan } from "@/lib/auth/actor";
import { tokenStatus } from "@/lib/service-tokens/duration";
import { RECENT_AUTHENTICATIONS, RecentAuthenticationsCard } from "@/components/access-logs/recent-authentications";
import { AUDIT_TRAIL_SIZE, AuditTrailCard } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { ServiceTokenUsageList } from "@/components/policies/service-token-usage";
import { ServiceTokenDetailActions } from "@/components/service-tokens/service-token-detail-actions";
import { ServiceTokenDetails } from "@/components/service-tokens/service-token-details";
import { TokenStatusBadge } from "@/components/service-tokens/token-status-badge";
import { SectionCard } from "@/components/ui/card";
import { tokenOfPage } from "./token";

export const metadata: Metadata = { title: "Service token" };

export default async function ServiceTokenPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, found: token } = await tokenOfPage((await params).id);
  const [trail, usage, attempts] = await Promise.all([
    listAuditLogs(actor, { objectType: "service_token", objectId: token.id, perPage: AUDIT_TRAIL_SIZE }),
    policiesReferencingServiceToken(actor, token.id),
    listAccessLogs(actor, { serviceTokenId: token.id, limit: RECENT_AUTHENTICATIONS }),
  ]);
  const now = new Date();
  const canWrite = actorCan(actor, "service_tokens:write");

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Access controls" }, { label: "Service credentials" }, { label: "Service Tokens", href: "/service-tokens" }, { label: token.name }]}
        title={token.name}
        badge={<TokenStatusBadge status={tokenStatus(token, now)} />}
        actions={canWrite ? <ServiceTokenDetailActions token={token} /> : <ReadOnlyNotice />}
      />
      <div className="grid gap-6">
        <SectionCard title="Details" description="The Client Secret is never shown again after it is created or rotated." padded>
          <ServiceTokenDetails token={token} now={now} canWrite={canWrite} />
        </SectionCard>
        <SectionCard title="Used by" description="The policies whose rules name this token, and the applications they protect.">
          <ServiceTokenUsageList usage={usage} />
        </SectionCard>
        <RecentAuthenticationsCard
          of="this token by the validation endpoint"
          logHref={`/logs/authentication?token=${token.id}`}
          entries={attempts}
          now={now}
          show="domain"
        />
        <AuditTrailCard of="this token" trail={trail} now={now} />
      </div>
    </>
  );
}
