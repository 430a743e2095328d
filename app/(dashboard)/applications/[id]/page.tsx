import type { Metadata } from "next";
import Link from "next/link";
import { listAccessLogs } from "@/lib/access/access-log";
import { listPolicies } from "@/lib/access/policies";
import { listAuditLogs } from "@/lib/audit/query";
import { actorCan } from "@/lib/auth/actor";
import { RECENT_AUTHENTICATIONS, RecentAuthenticationsCard } from "@/components/access-logs/recent-authentications";
import { ApplicationDetailActions } from "@/components/applications/application-detail-actions";
import { ApplicationDetails } from "@/components/applications/application-details";
import { AttachedPoliciesTable } from "@/components/applications/attached-policies-table";
import { AUDIT_TRAIL_SIZE, AuditTrailCard } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/layout/page-header";
import { ReadOnlyNotice } from "@/components/layout/read-only-notice";
import { SectionCard } from "@/components/ui/card";
import { serviceTokenOptions } from "../../policies/service-token-options";
import { appOfPage } from "./app";

export const metadata: Metadata = { title: "Application" };

const MAX_POLICY_OPTIONS = 1000;

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, found: app } = await appOfPage((await params).id);
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
        <SectionCard title="Details" description="Your reverse proxy sends requests for this domain to the validation endpoint." padded>
          <ApplicationDetails app={app} now={now} />
        </SectionCard>
        <SectionCard
          title="Policies"
          description={
            <>
              Evaluated in this order: the first policy that matches decides. Edit the rules on the{" "}
              <Link href="/policies" className="text-blue-700 hover:underline">
                Policies
              </Link>{" "}
              page.
            </>
          }
        >
          <AttachedPoliciesTable policies={app.policies} tokenNames={tokens?.names ?? {}} />
        </SectionCard>
        <RecentAuthenticationsCard of="requests to this application" logHref={`/logs/authentication?app=${app.id}`} entries={attempts} now={now} show="clientId" />
        <AuditTrailCard of="this application" trail={trail} now={now} />
      </div>
    </>
  );
}
