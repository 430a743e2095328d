import type { Metadata } from "next";
import { getAccountSettings } from "@/lib/access/account-settings";
import { getKeySettings } from "@/lib/access/keys-settings";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getEnv } from "@/lib/env";
import { PageHeader } from "@/components/layout/page-header";
import { AccountIdValues } from "@/components/settings/account-id";
import { KeyRotationSetting } from "@/components/settings/key-rotation-setting";
import { StrictModeSetting } from "@/components/settings/strict-mode-setting";
import { SectionCard } from "@/components/ui/card";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage() {
  const actor = await requireAdmin();
  const [account, keys] = await Promise.all([getAccountSettings(actor), getKeySettings(actor)]);
  const now = new Date();

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Settings" }, { label: "General" }]}
        title="General"
        description="Account-wide settings for how Gatepost authenticates service tokens and signs sessions."
      />
      <div className="grid gap-6">
        <SectionCard
          title="Account ID"
          description="Every REST API path names this account: /client/v4/accounts/<account ID>/…"
          padded
        >
          <div className="grid gap-4">
            <AccountIdValues publicUrl={getEnv().publicUrl} accountId={actor.accountId} />
          </div>
        </SectionCard>
        <SectionCard title="Strict mode" description="Require credentials on every request instead of reusing sessions." padded>
          <StrictModeSetting enabled={account.strictServiceTokenAuth} canChange={actorCan(actor, "settings:write")} />
        </SectionCard>
        <SectionCard
          title="Signing keys"
          description="Sessions (JWTs) are signed with an RSA key that rotates on this schedule. The previous key keeps verifying for 7 days after a rotation; both are published at /cdn-cgi/access/certs."
          padded
        >
          <KeyRotationSetting schedule={keys} canChange={actorCan(actor, "apps:write")} now={now} />
        </SectionCard>
      </div>
    </>
  );
}
