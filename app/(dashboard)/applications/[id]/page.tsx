import type { Metadata } from "next";
import Link from "next/link";
import { listAccessLogs } from "@/lib/access/access-log";
import { listPolicies } from "@/lib/access/policies";
import { listAuditLogs } from "@/lib/audit/query";
import { actorCan } from "@/lib/auth/actor";
import { ApplicationDetailActions } from "@/components/applications/application-detail-actions";
import { ApplicationDetails } from "@/components/applications/application-details";
import { AttachedPoliciesTable } from "@/components/applications/attached-policies-table";
import { RecentAuthentications } from "@/components/applications/recent-authentications";
import { AuditTrail } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { serviceTokenOptions } from "../../policies/service-token-options";
import { appOfPage } from "./app";

export const metadata: Metadata = { title: "Application" };

const AUDIT_TRAIL_SIZE = 50;
const RECENT_AUTHENTICATIONS = 10;
const MAX_POLICY_OPTIONS = 1000;

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  // Unknown, malformed and other accounts' ids alike are Next's not-found page (a 404: see layout.tsx).
  const { actor, app } = await appOfPage((await params).id);
  const canWrite = actorCan(actor, "apps:write");
  const namesTokens = app.policies.some((p) => [...p.include, ...p.require, ...p.exclude].some((r) => "service_token" in r));
  const [trail, attempts, policies, tokens] = await Promise.all([
    listAuditLogs(actor, { objectType: "app", objectId: app.id, perPage: AUDIT_TRAIL_SIZE }),
    listAccessLogs(actor, { appId: app.id, limit: RECENT_AUTHENTICATIONS }),
    canWrite ? listPolicies(actor, { perPage: MAX_POLICY_OPTIONS }) : null,
    namesTokens ? serviceTokenOptions(actor) : null,
  ]);
  const policyOptions = (policies?.items ?? []).map(({ id, name, decision }) => ({ id, name, decision }));
  const now = new Date();

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Access controls" }, { label: "Applications", href: "/applications" }, { label: app.name }]}
        title={app.name}
        description={<code className="font-mono text-[13px]">{app.domain}</code>}
        actions={canWrite ? <ApplicationDetailActions app={app} policyOptions={policyOptions} /> : <ReadOnlyNotice />}
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Details</CardTitle>
              <CardDescription>Your reverse proxy sends requests for this domain to the validation endpoint.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <ApplicationDetails app={app} now={now} />
          </CardContent>
        </Card>
        <Card className="overflow-hidden">
          <CardHeader>
            <div>
              <CardTitle>Policies</CardTitle>
              <CardDescription>
                Evaluated in this order: the first policy that matches decides. Edit the rules on the{" "}
                <Link href="/policies" className="text-blue-700 hover:underline">
                  Policies
                </Link>{" "}
                page.
              </CardDescription>
            </div>
          </CardHeader>
          <AttachedPoliciesTable policies={app.policies} tokenNames={tokens?.names ?? {}} />
        </Card>
        <Card className="overflow-hidden">
          <CardHeader>
            <div>
              <CardTitle>Recent authentications</CardTitle>
              <CardDescription>The {RECENT_AUTHENTICATIONS} latest checks of requests to this application.</CardDescription>
            </div>
            <Button asChild variant="secondary" size="sm">
              <Link href={`/logs/authentication?app=${app.id}`}>View all</Link>
            </Button>
          </CardHeader>
          <RecentAuthentications entries={attempts} now={now} show="clientId" />
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Audit trail</CardTitle>
              <CardDescription>
                Who changed this application, and how.
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
