import "server-only";
import { keySettingsToApi } from "../../access/api-shape";
import { getKeySettings, updateKeySettings } from "../../access/keys-settings";
import { rotateSigningKey } from "../../access/signing-keys";
import type { KeySettingsInput } from "../../access/schemas";
import type { ApiContext, ApiResult } from "../with-api-token";

// The signing-key schedule of the account: key_rotation_interval_days, days_until_next_rotation,
// last_key_rotation_at. Reading needs apps:read, changing or rotating apps:write. The keys
// themselves (lib/access/signing-keys.ts) are never part of an answer; their public halves are
// published by /cdn-cgi/access/certs.

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
// Rotates now: a new key signs from here on, the previous one keeps verifying for 7 days, and the
// schedule restarts (last_key_rotation_at = now). Any body is ignored. Answers the new schedule.
export async function rotateKeysRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: keySettingsToApi(await rotateSigningKey(ctx.actor)) };
}
