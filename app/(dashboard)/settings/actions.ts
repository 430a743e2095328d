"use server";

import { revalidatePath } from "next/cache";
import { updateAccountSettings } from "@/lib/access/account-settings";
import { updateKeySettings } from "@/lib/access/keys-settings";
import { rotateSigningKey } from "@/lib/access/signing-keys";
import { requireAdmin } from "@/lib/auth/require-admin";
import type { FormResult } from "@/lib/forms";
import { accessFormFailure } from "../applications/form-failure";

// Server actions of Settings > General. The domain checks the role: strict mode needs a Super
// Administrator (settings:write), the key schedule and "Rotate now" apps:write.

export async function updateStrictModeAction(enabled: boolean): Promise<FormResult<{ strictServiceTokenAuth: boolean }>> {
  const actor = await requireAdmin();
  try {
    const settings = await updateAccountSettings(actor, { strict_service_token_auth: enabled });
    revalidatePath("/settings");
    return { ok: true, strictServiceTokenAuth: settings.strictServiceTokenAuth };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

export async function updateKeyRotationIntervalAction(days: number): Promise<FormResult<{ keyRotationIntervalDays: number }>> {
  const actor = await requireAdmin();
  try {
    const settings = await updateKeySettings(actor, { key_rotation_interval_days: days });
    revalidatePath("/settings");
    return { ok: true, keyRotationIntervalDays: settings.keyRotationIntervalDays };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

export async function rotateSigningKeyAction(): Promise<FormResult<{ lastKeyRotationAt: Date | null }>> {
  const actor = await requireAdmin();
  try {
    const settings = await rotateSigningKey(actor);
    revalidatePath("/settings");
    return { ok: true, lastKeyRotationAt: settings.lastKeyRotationAt };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}
