import type { Metadata } from "next";
import Link from "next/link";
import { listAccessLogs } from "@/lib/access/access-log";
import { policiesReferencingServiceToken } from "@/lib/access/policies";
import { listAuditLogs } from "@/lib/audit/query";
import { actorCan } from "@/lib/auth/actor";
import { tokenStatus } from "@/lib/service-tokens/duration";
import { RecentAuthentications } from "@/components/applications/recent-authentications";
import { AuditTrail } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { ServiceTokenUsageList } from "@/components/policies/service-token-usage";
import { ServiceTokenDetailActions } from "@/components/service-tokens/service-token-detail-actions";
import { ServiceTokenDetails } from "@/components/service-tokens/service-token-details";
import { TokenStatusBadge } from "@/components/service-tokens/token-status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { tokenOfPage } from "./token";

export const metadata: Metadata = { title: "Service token" };

const AUDIT_TRAIL_SIZE = 50;
const RECENT_AUTHENTICATIONS = 10;

export default async function ServiceTokenPage({ params }: { params: Promise<{ id: string }> }) {
  // Unknown, malformed and other accounts' ids alike are Next's not-found page (a 404: see layout.tsx).
  const { actor, token } = await tokenOfPage((await params).id);
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
        breadcrumbs={[{ label: "Access controls" }, { label: "Service credentials", href: "/service-tokens" }, { label: token.name }]}
        title={token.name}
        badge={<TokenStatusBadge status={tokenStatus(token, now)} />}
        actions={canWrite ? <ServiceTokenDetailActions token={token} /> : <ReadOnlyNotice />}
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Details</CardTitle>
              <CardDescription>The Client Secret is never shown again after it is created or rotated.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <ServiceTokenDetails token={token} now={now} canWrite={canWrite} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Used by</CardTitle>
              <CardDescription>The policies whose rules name this token, and the applications they protect.</CardDescription>
            </div>
          </CardHeader>
          <ServiceTokenUsageList usage={usage} />
        </Card>
        <Card className="overflow-hidden">
          <CardHeader>
            <div>
              <CardTitle>Recent authentications</CardTitle>
              <CardDescription>The {RECENT_AUTHENTICATIONS} latest checks of this token by the validation endpoint.</CardDescription>
            </div>
            <Button asChild variant="secondary" size="sm">
              <Link href={`/logs/authentication?token=${token.id}`}>View all</Link>
            </Button>
          </CardHeader>
          <RecentAuthentications entries={attempts} now={now} show="domain" />
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Audit trail</CardTitle>
              <CardDescription>
                Who changed this token, and how.
                {trail.total > AUDIT_TRAIL_SIZE ? ` The ${AUDIT_TRAIL_SIZE} most recent of ${trail.total} events.` : null}
              </CardDescription>
            </div>
          </CardHeader>
          <AuditTrail entries={trail.items} now={now} />
        </Card>
      </div>
    </>
  );
}
