import type { Metadata } from "next";
import { getAccountSettings } from "@/lib/access/account-settings";
import { getKeySettings } from "@/lib/access/keys-settings";
import { actorCan } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { PageHeader } from "@/components/layout/page-header";
import { KeyRotationSetting } from "@/components/settings/key-rotation-setting";
import { StrictModeSetting } from "@/components/settings/strict-mode-setting";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

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
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Strict mode</CardTitle>
              <CardDescription>Require credentials on every request instead of reusing sessions.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <StrictModeSetting enabled={account.strictServiceTokenAuth} canChange={actorCan(actor, "settings:write")} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Signing keys</CardTitle>
              <CardDescription>
                Sessions (JWTs) are signed with an RSA key that rotates on this schedule. The previous key keeps verifying for 7 days after a
                rotation; both are published at /cdn-cgi/access/certs.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <KeyRotationSetting schedule={keys} canChange={actorCan(actor, "apps:write")} now={now} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
