import "server-only";
import { keySettingsToApi } from "../../access/api-shape";
import { getKeySettings, updateKeySettings } from "../../access/keys-settings";
import type { KeySettingsInput } from "../../access/schemas";
import type { ApiContext, ApiResult } from "../with-api-token";

// The signing-key schedule (SPEC §3): key_rotation_interval_days, days_until_next_rotation,
// last_key_rotation_at. The keys themselves do not exist yet; they come with the validation
// endpoint, whose key service will do the rotation (and record it with recordKeyRotation).

// GET /client/v4/accounts/:account_id/access/keys
export async function getKeySettingsRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: keySettingsToApi(await getKeySettings(ctx.actor)) };
}

// PUT /client/v4/accounts/:account_id/access/keys
// Only key_rotation_interval_days can be set; the other fields of a GET result are ignored.
export async function updateKeySettingsRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: keySettingsToApi(await updateKeySettings(ctx.actor, ctx.json() as KeySettingsInput)) };
}

// POST /client/v4/accounts/:account_id/access/keys/rotate
// Until signing keys exist there is no key to rotate: the answer is the unchanged schedule, and
// nothing is written (recording a rotation of no key would move the schedule of the first real one).
export async function rotateKeysRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: keySettingsToApi(await getKeySettings(ctx.actor)) };
}
