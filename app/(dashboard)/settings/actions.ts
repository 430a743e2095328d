"use server";

import { updateAccountSettings } from "@/lib/access/account-settings";
import { updateKeySettings } from "@/lib/access/keys-settings";
import { rotateSigningKey } from "@/lib/access/signing-keys";
import { adminAction } from "@/lib/auth/admin-action";

// Server actions of Settings > General. The domain checks the role: strict mode needs a Super
// Administrator (settings:write), the key schedule and "Rotate now" apps:write.

const SETTINGS = { revalidate: ["/settings"] };

export const updateStrictModeAction = adminAction(async (actor, enabled: boolean) => {
  const settings = await updateAccountSettings(actor, { strict_service_token_auth: enabled });
  return { strictServiceTokenAuth: settings.strictServiceTokenAuth };
}, SETTINGS);

export const updateKeyRotationIntervalAction = adminAction(async (actor, days: number) => {
  const settings = await updateKeySettings(actor, { key_rotation_interval_days: days });
  return { keyRotationIntervalDays: settings.keyRotationIntervalDays };
}, SETTINGS);

export const rotateSigningKeyAction = adminAction(async (actor) => {
  const settings = await rotateSigningKey(actor);
  return { lastKeyRotationAt: settings.lastKeyRotationAt };
}, SETTINGS);
