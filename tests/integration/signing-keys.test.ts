import { createPublicKey, X509Certificate } from "node:crypto";
import { importJWK, jwtVerify, SignJWT } from "jose";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decryptPrivateKey } from "../../lib/access/key-crypto";
import { getKeySettings, updateKeySettings } from "../../lib/access/keys-settings";
import {
  ensureSigningKey,
  loadSigningKeys,
  PREVIOUS_KEY_VERIFY_MS,
  rotateDueSigningKeys,
  rotateSigningKey,
} from "../../lib/access/signing-keys";
import { rotateKeysRoute } from "../../lib/api/handlers/keys";
import type { ApiContext } from "../../lib/api/with-api-token";
import { getDb } from "../../lib/db/client";
import { getEnv, setEnv } from "../../lib/env";
import { sharedDatabaseUrl, withPg } from "../helpers/db";
import { adminActor, apiTokenActor, auditRows, expectAppError, newTenant } from "../helpers/fixtures";

// The Access signing keys against a real PostgreSQL: creation under concurrency, encryption at
// rest, rotation (manual and scheduled) and what the validator loads.
//
// loadSigningKeys and rotateDueSigningKeys read every account of the shared database, so every
// integration file that stores keys must use the same AUTH_SECRET (this one).
const TEST_AUTH_SECRET = "gatepost-integration-tests-auth-secret-0123456789";
const DAY_MS = 24 * 3600 * 1000;

const savedSecret = getEnv().AUTH_SECRET;
beforeAll(() => setEnv({ AUTH_SECRET: TEST_AUTH_SECRET }));
afterAll(() => setEnv({ AUTH_SECRET: savedSecret }));

/** Every stored key of the account, oldest first, as the database holds it. */
const storedKeys = (accountId: string) =>
  getDb().accessSigningKey.findMany({ where: { accountId }, orderBy: [{ createdAt: "asc" }, { kid: "asc" }] });

/** Makes the account's key `days` old (the schedule compares against created_at). */
const ageKey = (accountId: string, days: number) =>
  getDb().$executeRaw`UPDATE access_signing_keys SET created_at = now() - make_interval(days => ${days}::int) WHERE account_id = ${accountId} AND retired_at IS NULL`;

async function signWith(accountId: string, now?: Date): Promise<{ kid: string; jwt: string }> {
  const { signing } = await loadSigningKeys(now);
  const key = signing.get(accountId);
  if (!key) throw new Error(`no signing key for ${accountId}`);
  const jwt = await new SignJWT({ sub: "test" }).setProtectedHeader({ alg: "RS256", kid: key.kid }).setIssuedAt().sign(key.privateKey);
  return { kid: key.kid, jwt };
}

async function verifyWithJwk(jwt: string, kid: string, now?: Date): Promise<boolean> {
  const { verifying } = await loadSigningKeys(now);
  const key = verifying.get(kid);
  if (!key) return false;
  await jwtVerify(jwt, await importJWK(key.publicJwk, "RS256"), { algorithms: ["RS256"] });
  return true;
}

/**
 * Starts the calls of `race` while holding the account's key lock (the access_key_settings row),
 * and lets go once they all wait for a lock (at most 3 s, well within Prisma's 5 s transaction
 * timeout). Without this, how long each call takes to generate its RSA key would spread them out,
 * and a missing lock would go unnoticed. Every call must succeed.
 */
async function raceHoldingKeyLock(accountId: string, race: () => Promise<unknown>[]): Promise<void> {
  await withPg(sharedDatabaseUrl(), async (holder) => {
    await holder.query("INSERT INTO access_key_settings (account_id) VALUES ($1) ON CONFLICT DO NOTHING", [accountId]);
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM access_key_settings WHERE account_id = $1 FOR UPDATE", [accountId]);
    const calls = race();
    const settled = Promise.allSettled(calls);
    // pg_stat_activity does not change within a transaction: watch from another connection.
    await withPg(sharedDatabaseUrl(), (watcher) => waitForLockWaiters(watcher, calls.length));
    await holder.query("COMMIT");
    for (const r of await settled) expect(r.status === "rejected" ? String(r.reason) : r.status).toBe("fulfilled");
  });
}

async function waitForLockWaiters(client: pg.Client, n: number): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND datname = current_database() AND query ~ 'access_(key_settings|signing_keys)'`,
    );
    if (rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function withAuthSecret<T>(secret: string | undefined, fn: () => Promise<T>): Promise<T> {
  setEnv({ AUTH_SECRET: secret });
  try {
    return await fn();
  } finally {
    setEnv({ AUTH_SECRET: TEST_AUTH_SECRET });
  }
}

describe("ensureSigningKey", () => {
  it("makes exactly one key under concurrent calls from one process", async () => {
    const { account, admin } = await newTenant();
    await Promise.all(Array.from({ length: 5 }, () => ensureSigningKey(account.id)));
    const keys = await storedKeys(account.id);
    expect(keys).toHaveLength(1);
    expect(keys[0].retiredAt).toBeNull();
    // The first key starts the schedule, and is nobody's change: no audit row.
    expect((await getKeySettings(admin)).lastKeyRotationAt).toEqual(keys[0].createdAt);
    expect(await auditRows(account.id)).toHaveLength(0);
    // Once there is a key, further calls do nothing.
    await ensureSigningKey(account.id);
    expect(await storedKeys(account.id)).toHaveLength(1);
  });

  it("makes exactly one key when 5 separate instances race (the row lock, not the in-process guard)", async () => {
    const { account } = await newTenant();
    // A fresh copy of the module per "instance": each has its own in-process guard; all share the database.
    const instances: (typeof import("../../lib/access/signing-keys"))[] = [];
    for (let i = 0; i < 5; i++) {
      vi.resetModules();
      instances.push(await import("../../lib/access/signing-keys"));
    }
    vi.resetModules();

    await raceHoldingKeyLock(account.id, () => instances.map((m) => m.ensureSigningKey(account.id)));
    expect(await storedKeys(account.id)).toHaveLength(1);
  });

  it("gives an account whose keys are all retired a new one, and nothing signs until then", async () => {
    const { account } = await newTenant();
    await ensureSigningKey(account.id);
    await getDb().$executeRaw`UPDATE access_signing_keys SET retired_at = now() WHERE account_id = ${account.id}`;
    const [retired] = await storedKeys(account.id);
    const loaded = await loadSigningKeys();
    expect(loaded.signing.has(account.id)).toBe(false);
    expect(loaded.verifying.has(retired.kid)).toBe(true);

    await ensureSigningKey(account.id);
    const keys = await storedKeys(account.id);
    expect(keys).toHaveLength(2);
    expect((await loadSigningKeys()).signing.get(account.id)?.kid).toBe(keys[1].kid);
  });

  it("stores the private key encrypted, and the loaded key signs what the published JWK verifies", async () => {
    const { account } = await newTenant();
    await ensureSigningKey(account.id);
    const [row] = await storedKeys(account.id);

    expect(row.privateKeyEncrypted).toMatch(/^v1\./);
    expect(row.privateKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(row.publicJwk)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
    expect(row.kid).toMatch(/^[0-9a-f]{64}$/);
    expect(row.publicJwk).toMatchObject({ kty: "RSA", kid: row.kid, alg: "RS256", use: "sig", e: "AQAB" });

    // The stored ciphertext decrypts to the private half of the published public key.
    const pem = decryptPrivateKey(row.privateKeyEncrypted, TEST_AUTH_SECRET);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPublicKey(pem).export({ format: "jwk" }).n).toBe((row.publicJwk as { n: string }).n);

    // The certificate is self-signed, of the same key, and valid for 10 years.
    const cert = new X509Certificate(row.certificate);
    expect(cert.subject).toContain(`Gatepost Access signing key ${row.kid.slice(0, 16)}`);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.export({ format: "jwk" }).n).toBe((row.publicJwk as { n: string }).n);
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * DAY_MS);
    expect(years).toBeGreaterThan(9.9);
    expect(years).toBeLessThan(10.1);

    const { kid, jwt } = await signWith(account.id);
    expect(kid).toBe(row.kid);
    expect(await verifyWithJwk(jwt, kid)).toBe(true);
  });
});

describe("rotateSigningKey", () => {
  it("retires the old key, signs with the new one, and verifies the old one for 7 days only", async () => {
    const { account, admin } = await newTenant();
    await ensureSigningKey(account.id);
    const old = await signWith(account.id);

    await rotateSigningKey(admin);
    const [retired, current] = await storedKeys(account.id);
    expect(retired.kid).toBe(old.kid);
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(current.retiredAt).toBeNull();
    expect(current.createdAt).toEqual(retired.retiredAt);

    const fresh = await signWith(account.id);
    expect(fresh.kid).toBe(current.kid);
    expect(await verifyWithJwk(fresh.jwt, fresh.kid)).toBe(true);
    expect(await verifyWithJwk(old.jwt, old.kid)).toBe(true);

    const retiredAt = retired.retiredAt!.getTime();
    const justBefore = new Date(retiredAt + PREVIOUS_KEY_VERIFY_MS - 1000);
    const justAfter = new Date(retiredAt + PREVIOUS_KEY_VERIFY_MS + 1000);
    expect((await loadSigningKeys(justBefore)).verifying.has(old.kid)).toBe(true);
    const later = await loadSigningKeys(justAfter);
    expect(later.verifying.has(old.kid)).toBe(false);
    expect(later.verifying.has(current.kid)).toBe(true);
    expect(later.signing.get(account.id)?.kid).toBe(current.kid);
    expect(PREVIOUS_KEY_VERIFY_MS).toBe(7 * DAY_MS);
  });

  it("audits the rotation with the kids only and moves last_key_rotation_at", async () => {
    const { account, admin } = await newTenant();
    await ensureSigningKey(account.id);
    const before = (await getKeySettings(admin)).lastKeyRotationAt!;
    const [first] = await storedKeys(account.id);

    const view = await rotateSigningKey(admin);
    const [, second] = await storedKeys(account.id);
    expect(view.lastKeyRotationAt).toEqual(second.createdAt);
    expect(view.lastKeyRotationAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect((await getKeySettings(admin)).lastKeyRotationAt).toEqual(second.createdAt);
    expect(view).toMatchObject({ keyRotationIntervalDays: 42, daysUntilNextRotation: 42 });

    const audits = await auditRows(account.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "access_keys.rotate",
      objectType: "access_keys",
      objectId: account.id,
      objectName: "Signing keys",
      actorType: "admin",
      actorId: admin.adminId,
      before: { kid: first.kid },
      after: { kid: second.kid },
    });
    const text = JSON.stringify({ before: audits[0].before, after: audits[0].after });
    expect(text).toBe(JSON.stringify({ before: { kid: first.kid }, after: { kid: second.kid } }));
    for (const secret of ["PRIVATE KEY", first.privateKeyEncrypted, second.privateKeyEncrypted]) expect(text).not.toContain(secret);
  });

  it("leaves exactly one unretired key after concurrent rotations", async () => {
    const { account, admin } = await newTenant();
    await ensureSigningKey(account.id);
    await raceHoldingKeyLock(account.id, () => [rotateSigningKey(admin), rotateSigningKey(admin), rotateSigningKey(admin)]);
    const keys = await storedKeys(account.id);
    expect(keys).toHaveLength(4);
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
    expect(keys.at(-1)!.retiredAt).toBeNull();
    expect((await auditRows(account.id)).map((a) => a.action)).toEqual(["access_keys.rotate", "access_keys.rotate", "access_keys.rotate"]);
  });

  it("is refused without apps:write and changes nothing", async () => {
    const { account } = await newTenant();
    await ensureSigningKey(account.id);
    await expectAppError(rotateSigningKey(adminActor(account.id, "read_only")), "forbidden");
    await expectAppError(rotateSigningKey(apiTokenActor(account.id, ["Access: Apps and Policies Read"])), "forbidden");
    expect(await storedKeys(account.id)).toHaveLength(1);
    expect(await auditRows(account.id)).toHaveLength(0);
    // An API token with "Access: Apps and Policies Write" may, as it may PUT /access/keys.
    await rotateSigningKey(apiTokenActor(account.id, ["Access: Apps and Policies Write"]));
    expect(await storedKeys(account.id)).toHaveLength(2);
  });

  it("answers POST /access/keys/rotate with the new schedule", async () => {
    const { account } = await newTenant();
    const actor = apiTokenActor(account.id, ["Access: Apps and Policies Write"]);
    const { result } = await rotateKeysRoute({ actor } as unknown as ApiContext);
    const [key] = await storedKeys(account.id);
    expect(result).toEqual({ key_rotation_interval_days: 42, days_until_next_rotation: 42, last_key_rotation_at: key.createdAt.toISOString() });
  });
});

describe("rotateDueSigningKeys", () => {
  it("rotates accounts whose key is older than their interval, and no other", async () => {
    const old = await newTenant("old");
    const fresh = await newTenant("fresh");
    const weekly = await newTenant("weekly");
    const slow = await newTenant("slow");
    const keyless = await newTenant("keyless");
    await updateKeySettings(weekly.admin, { key_rotation_interval_days: 7 });
    await updateKeySettings(slow.admin, { key_rotation_interval_days: 90 });
    for (const t of [old, fresh, weekly, slow]) await ensureSigningKey(t.account.id);
    await ageKey(old.account.id, 43);
    await ageKey(weekly.account.id, 8);
    await ageKey(slow.account.id, 43);
    const oldKid = (await storedKeys(old.account.id))[0].kid;

    expect(await rotateDueSigningKeys()).toBeGreaterThanOrEqual(2);

    const oldKeys = await storedKeys(old.account.id);
    expect(oldKeys).toHaveLength(2);
    expect(oldKeys[0]).toMatchObject({ kid: oldKid, retiredAt: expect.any(Date) });
    expect(oldKeys[1].retiredAt).toBeNull();
    expect(await storedKeys(weekly.account.id)).toHaveLength(2);
    expect(await storedKeys(fresh.account.id)).toHaveLength(1);
    expect(await storedKeys(slow.account.id)).toHaveLength(1);
    expect(await storedKeys(keyless.account.id)).toHaveLength(0);

    expect((await getKeySettings(old.admin)).lastKeyRotationAt).toEqual(oldKeys[1].createdAt);
    const audits = await auditRows(old.account.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "access_keys.rotate", actorType: "system", before: { kid: oldKid }, after: { kid: oldKeys[1].kid } });
    expect((await auditRows(fresh.account.id)).filter((a) => a.action === "access_keys.rotate")).toHaveLength(0);
  });

  it("rotates an account once when two calls run at once", async () => {
    const { account } = await newTenant();
    await ensureSigningKey(account.id);
    await ageKey(account.id, 50);
    await raceHoldingKeyLock(account.id, () => [rotateDueSigningKeys(), rotateDueSigningKeys()]);
    const keys = await storedKeys(account.id);
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
    expect(await auditRows(account.id)).toHaveLength(1);
  });
});

describe("loadSigningKeys and AUTH_SECRET", () => {
  it("fails with a clear message under another AUTH_SECRET, and when it is unset", async () => {
    const { account } = await newTenant();
    await ensureSigningKey(account.id);
    const [row] = await storedKeys(account.id);
    expect((await loadSigningKeys()).signing.get(account.id)?.kid).toBe(row.kid);

    const error = await withAuthSecret("another-secret-of-at-least-32-characters!", () => loadSigningKeys().then(() => null, (e: Error) => e));
    expect(error?.message).toMatch(/^cannot decrypt signing key: AUTH_SECRET differs from the one that encrypted it/);
    expect(error?.message).not.toContain(row.privateKeyEncrypted);
    expect(error?.message).not.toContain("another-secret");

    await expect(withAuthSecret(undefined, () => loadSigningKeys())).rejects.toThrow(/AUTH_SECRET is not set/);
    // Writing needs it too: a key is never stored unencrypted.
    const other = await newTenant();
    await expect(withAuthSecret(undefined, () => ensureSigningKey(other.account.id))).rejects.toThrow(/AUTH_SECRET is not set/);
    expect(await storedKeys(other.account.id)).toHaveLength(0);
  });
});
