import type { Metadata } from "next";
import Link from "next/link";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { serviceTokenHealth } from "@/lib/service-tokens/service";
import { PageHeader } from "@/components/layout/page-header";
import { TokenHealth } from "@/components/overview/token-health";
import { ServiceTokensEmptyState } from "@/components/service-tokens/service-tokens-empty-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Overview" };

/** The dashboard's home: the account's credential health, each count a link to the tokens it counts. */
export default async function OverviewPage() {
  const actor = await requireAdmin();
  const health = await serviceTokenHealth(actor);
  const empty = health.total === 0;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Overview" }]}
        title="Overview"
        description={
          empty
            ? "The health of your service tokens, once there are some."
            : `The health of the account's ${health.total.toLocaleString("en-US")} service ${health.total === 1 ? "token" : "tokens"} at a glance: each count opens the tokens it counts.`
        }
        actions={
          empty ? undefined : (
            <Button asChild variant="secondary">
              <Link href="/service-tokens">View all service tokens</Link>
            </Button>
          )
        }
      />
      {empty ? (
        <Card className="overflow-hidden">
          <ServiceTokensEmptyState canWrite={actorCan(actor, "service_tokens:write")} />
        </Card>
      ) : (
        <TokenHealth health={health} />
      )}
    </>
  );
}
