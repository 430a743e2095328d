import "server-only";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { lockAccountSettings } from "../db/locks";
import { parseInput } from "../input/parse";
import { daysUntilNextRotation, nextKeyRotationAt } from "./key-schedule";
import { DEFAULT_KEY_ROTATION_INTERVAL_DAYS, keySettingsInputSchema, type KeySettingsInput } from "./schemas";

// The signing-key schedule of an account (access_key_settings). The row is created on the first
// change or key rotation; until then the defaults apply. Reading needs apps:read and changing
// apps:write, as Cloudflare's "Access: Apps and Policies" groups grant for /access/keys.

export interface KeySettingsView {
  keyRotationIntervalDays: number;
  lastKeyRotationAt: Date | null;
  /** null until the first key exists. */
  nextKeyRotationAt: Date | null;
  daysUntilNextRotation: number;
}

const select = { keyRotationIntervalDays: true, lastKeyRotationAt: true } as const;

function toView(row: { keyRotationIntervalDays: number; lastKeyRotationAt: Date | null } | null, now: Date): KeySettingsView {
  const s = row ?? { keyRotationIntervalDays: DEFAULT_KEY_ROTATION_INTERVAL_DAYS, lastKeyRotationAt: null };
  return { ...s, nextKeyRotationAt: nextKeyRotationAt(s), daysUntilNextRotation: daysUntilNextRotation(s, now) };
}

/**
 * Creates the row if needed and locks it until the transaction ends. Every change to an account's
 * signing keys (first key, rotation) runs under this lock, so concurrent instances serialise.
 */
export async function lockKeySettings(tx: Tx, accountId: string): Promise<{ keyRotationIntervalDays: number; lastKeyRotationAt: Date | null }> {
  await lockAccountSettings(tx, "access_key_settings", accountId);
  return tx.accessKeySettings.findUniqueOrThrow({ where: { accountId }, select });
}

export async function getKeySettings(actor: Actor): Promise<KeySettingsView> {
  assertCan(actor, "apps:read");
  const row = await getDb().accessKeySettings.findUnique({ where: { accountId: actor.accountId }, select });
  return toView(row, new Date());
}

export async function updateKeySettings(actor: Actor, input: KeySettingsInput): Promise<KeySettingsView> {
  assertCan(actor, "apps:write");
  const data = parseInput(keySettingsInputSchema, input);
  return getDb().$transaction(async (tx) => {
    const before = await lockKeySettings(tx, actor.accountId);
    if (before.keyRotationIntervalDays === data.key_rotation_interval_days) return toView(before, new Date());
    const after = await tx.accessKeySettings.update({
      where: { accountId: actor.accountId },
      data: { keyRotationIntervalDays: data.key_rotation_interval_days },
      select,
    });
    await recordAudit(tx, actor, {
      action: "access_keys.update",
      objectType: "access_keys",
      objectId: actor.accountId,
      objectName: "Signing keys",
      before: { key_rotation_interval_days: before.keyRotationIntervalDays },
      after: { key_rotation_interval_days: after.keyRotationIntervalDays },
    });
    return toView(after, new Date());
  });
}

/**
 * Sets last_key_rotation_at, inside the transaction that stores a new signing key (the key
 * service, which also writes its own audit row). Returns the interval, to schedule the next one.
 */
export async function recordKeyRotation(tx: Tx, accountId: string, at: Date): Promise<KeySettingsView> {
  await lockKeySettings(tx, accountId);
  const after = await tx.accessKeySettings.update({ where: { accountId }, data: { lastKeyRotationAt: at }, select });
  return toView(after, at);
}
