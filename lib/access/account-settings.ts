import "server-only";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb } from "../db/client";
import { lockAccountSettings } from "../db/locks";
import { parseInput } from "../input/parse";
import { accountSettingsInputSchema, type AccountSettingsInput } from "./schemas";

// Account-wide switches of the dashboard's Settings page, in account_settings (a row per account,
// created on the first change; until then the defaults apply). Changing them is for Super
// Administrators (settings:write); any reader of apps may see them.

export interface AccountSettingsView {
  /** Only Service Auth admits: no CF_Authorization cookie is issued and JWTs are ignored. */
  strictServiceTokenAuth: boolean;
}

const DEFAULTS: AccountSettingsView = { strictServiceTokenAuth: false };
const select = { strictServiceTokenAuth: true } as const;

export async function getAccountSettings(actor: Actor): Promise<AccountSettingsView> {
  assertCan(actor, "apps:read");
  const row = await getDb().accountSettings.findUnique({ where: { accountId: actor.accountId }, select });
  return row ?? DEFAULTS;
}

export async function updateAccountSettings(actor: Actor, input: AccountSettingsInput): Promise<AccountSettingsView> {
  assertCan(actor, "settings:write");
  const data = parseInput(accountSettingsInputSchema, input);
  return getDb().$transaction(async (tx) => {
    await lockAccountSettings(tx, "account_settings", actor.accountId);
    const before = await tx.accountSettings.findUniqueOrThrow({ where: { accountId: actor.accountId }, select });
    if (before.strictServiceTokenAuth === data.strict_service_token_auth) return before;
    const after = await tx.accountSettings.update({
      where: { accountId: actor.accountId },
      data: { strictServiceTokenAuth: data.strict_service_token_auth },
      select,
    });
    await recordAudit(tx, actor, {
      action: "account_settings.update",
      objectType: "account_settings",
      objectId: actor.accountId,
      objectName: "Settings",
      before: { strict_service_token_auth: before.strictServiceTokenAuth },
      after: { strict_service_token_auth: after.strictServiceTokenAuth },
    });
    return after;
  });
}
