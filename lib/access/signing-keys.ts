import "server-only";
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type JsonWebKey, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import type { JWK } from "jose";
import forge from "node-forge";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, getPool, type Tx } from "../db/client";
import { getEnv } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../logger";
import { decryptPrivateKey, encryptPrivateKey } from "./key-crypto";
import { lockKeySettings, recordKeyRotation, type KeySettingsView } from "./keys-settings";
import { DEFAULT_KEY_ROTATION_INTERVAL_DAYS } from "./schemas";

// The RSA keys that sign Access sessions (JWTs), one set per account (access_signing_keys). The
// newest unretired key signs; a rotation retires it (retired_at) and it keeps verifying for
// PREVIOUS_KEY_VERIFY_MS, so sessions signed just before a rotation stay valid. Private keys are
// stored encrypted under a key derived from AUTH_SECRET (key-crypto.ts) and leave this module only
// as KeyObjects in loadSigningKeys, for the validator: never in a view, an audit row or a log line.
//
// Every write runs under the account's access_key_settings row lock (lockKeySettings) and checks
// again inside it, so any number of instances can call ensureSigningKey or rotateDueSigningKeys at
// once. Keys are generated before the transaction (RSA generation takes a while) and thrown away
// when the check inside the lock finds the work already done.

const DAY_MS = 24 * 3600 * 1000;

/** How long a retired key keeps verifying. */
export const PREVIOUS_KEY_VERIFY_MS = 7 * DAY_MS;

export interface SigningPublicJwk {
  kty: "RSA";
  n: string;
  e: string;
  kid: string;
  alg: "RS256";
  use: "sig";
}

export interface SigningKeyMaterial {
  /** SHA-256 of the public key's SPKI DER, 64 lowercase hex digits (Cloudflare's kids look the same). */
  kid: string;
  publicJwk: SigningPublicJwk;
  /** Self-signed X.509 certificate of the public key, PEM. */
  certificate: string;
  /** PKCS#8 PEM. Encrypt before storing; never log or return it. */
  privateKeyPem: string;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface VerifyingKey {
  kid: string;
  accountId: string;
  publicKey: KeyObject;
  publicJwk: JWK;
  certificate: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface LoadedSigningKeys {
  /** account id → the key that signs its sessions now. */
  signing: Map<string, SigningKey>;
  /** kid → every key whose signatures are accepted: unretired, or retired less than PREVIOUS_KEY_VERIFY_MS ago. */
  verifying: Map<string, VerifyingKey>;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A fresh RSA 2048 key pair with its kid, public JWK and self-signed certificate. Nothing is stored. */
export async function generateSigningKeyMaterial(): Promise<SigningKeyMaterial> {
  const { publicKey, privateKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  const kid = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
  const { n, e } = publicKey.export({ format: "jwk" });
  if (typeof n !== "string" || typeof e !== "string") throw new Error("RSA public key without n or e");
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

  // node:crypto cannot make certificates; node-forge does, here and nowhere else.
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  // A positive serial whose first byte is neither 0x00 nor >= 0x80, so that its DER is minimal.
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  cert.serialNumber = serial.toString("hex");
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const name = [{ name: "commonName", value: `Gatepost Access signing key ${kid.slice(0, 16)}` }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, critical: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const certificate = forge.pki.certificateToPem(cert).replace(/\r\n/g, "\n");

  return { kid, publicJwk: { kty: "RSA", n, e, kid, alg: "RS256", use: "sig" }, certificate, privateKeyPem };
}

function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) {
    throw new Error("AUTH_SECRET is not set: the Access signing keys are encrypted with a key derived from it");
  }
  return secret;
}

const systemActor = (accountId: string): Actor => ({ kind: "system", accountId, label: "signing-key schedule" });

/** The account's unretired keys, newest first (normally one). */
function currentKeys(db: Tx, accountId: string) {
  return db.accessSigningKey.findMany({
    where: { accountId, retiredAt: null },
    select: { kid: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { kid: "desc" }],
  });
}

async function insertKey(tx: Tx, accountId: string, material: SigningKeyMaterial, at: Date, secret: string): Promise<void> {
  await tx.accessSigningKey.create({
    data: {
      kid: material.kid,
      accountId,
      publicJwk: material.publicJwk as unknown as Prisma.InputJsonValue,
      certificate: material.certificate,
      privateKeyEncrypted: encryptPrivateKey(material.privateKeyPem, secret),
      createdAt: at,
    },
  });
}

/** Under the lock: retires `current`, stores the new key, moves the schedule and audits (kids only). */
async function replaceKeys(
  tx: Tx,
  actor: Actor,
  current: { kid: string }[],
  material: SigningKeyMaterial,
  at: Date,
  secret: string,
): Promise<KeySettingsView> {
  const accountId = actor.accountId;
  if (current.length > 0) {
    await tx.accessSigningKey.updateMany({ where: { accountId, kid: { in: current.map((k) => k.kid) } }, data: { retiredAt: at } });
  }
  await insertKey(tx, accountId, material, at, secret);
  const view = await recordKeyRotation(tx, accountId, at);
  await recordAudit(tx, actor, {
    action: "access_keys.rotate",
    objectType: "access_keys",
    objectId: accountId,
    objectName: "Signing keys",
    before: { kid: current[0]?.kid ?? null },
    after: { kid: material.kid },
  });
  return view;
}

// One first-key attempt per account at a time in this process: a burst of first requests makes
// one key, not one per request (other instances are kept out by the lock).
const ensuring = new Map<string, Promise<void>>();

/**
 * Makes the account's first signing key if it has no unretired one. No audit row (nobody changed
 * anything); last_key_rotation_at is set, which starts the rotation schedule.
 */
/**
 * A signing key for every account that has none: at start, so that readiness can say the keys are
 * loaded and the first validation does not wait for an RSA key.
 */
export async function ensureSigningKeysOfAllAccounts(): Promise<void> {
  for (const id of await missingSigningKeys()) await ensureSigningKey(id);
}

/** The accounts without an unretired signing key (a read on the pool: no Prisma query). */
export async function missingSigningKeys(): Promise<string[]> {
  const { rows } = await getPool().query<{ id: string }>(`
    SELECT a.id FROM accounts a
    WHERE NOT EXISTS (SELECT 1 FROM access_signing_keys k WHERE k.account_id = a.id AND k.retired_at IS NULL)`);
  return rows.map((r) => r.id);
}

export function ensureSigningKey(accountId: string): Promise<void> {
  const pending = ensuring.get(accountId);
  if (pending) return pending;
  const attempt = ensureSigningKeyOnce(accountId).finally(() => ensuring.delete(accountId));
  ensuring.set(accountId, attempt);
  return attempt;
}

async function ensureSigningKeyOnce(accountId: string): Promise<void> {
  const secret = authSecret();
  if ((await currentKeys(getDb(), accountId)).length > 0) return;
  const material = await generateSigningKeyMaterial();
  await getDb().$transaction(async (tx) => {
    await lockKeySettings(tx, accountId);
    if ((await currentKeys(tx, accountId)).length > 0) return;
    const at = new Date();
    await insertKey(tx, accountId, material, at, secret);
    await recordKeyRotation(tx, accountId, at);
  });
}

/**
 * POST /access/keys/rotate and the dashboard's "Rotate now": a new key signs from now on, the
 * previous one verifies for PREVIOUS_KEY_VERIFY_MS more. Needs apps:write, like changing the
 * schedule. Without a key yet, this makes the first one.
 */
export async function rotateSigningKey(actor: Actor): Promise<KeySettingsView> {
  assertCan(actor, "apps:write");
  const secret = authSecret();
  const material = await generateSigningKeyMaterial();
  return getDb().$transaction(async (tx) => {
    await lockKeySettings(tx, actor.accountId);
    const current = await currentKeys(tx, actor.accountId);
    return replaceKeys(tx, actor, current, material, new Date(), secret);
  });
}

/**
 * Rotates, as the system, every account whose current key is at least key_rotation_interval_days
 * old at `now`, which is also the time recorded for the new key. Accounts without a key are left
 * to ensureSigningKey. Safe on every instance at once: each account is checked again under its
 * lock. An account that fails is logged and skipped. Returns how many accounts this call rotated.
 */
export async function rotateDueSigningKeys(now = new Date()): Promise<number> {
  const secret = authSecret();
  const { rows: due } = await getPool().query<{ account_id: string }>(
    `SELECT k.account_id
     FROM access_signing_keys k
     LEFT JOIN access_key_settings s ON s.account_id = k.account_id
     WHERE k.retired_at IS NULL
     GROUP BY k.account_id, s.key_rotation_interval_days
     HAVING max(k.created_at) + make_interval(days => COALESCE(s.key_rotation_interval_days, $1::int)) <= $2::timestamptz`,
    [DEFAULT_KEY_ROTATION_INTERVAL_DAYS, now],
  );

  let rotated = 0;
  // One account at a time: each rotation generates an RSA key.
  for (const { account_id: accountId } of due) {
    try {
      if (await rotateIfDue(accountId, now, secret)) rotated++;
    } catch (e) {
      // The first line only: a Prisma validation error would go on to print the query's arguments.
      const reason = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0].slice(0, 200)}` : "unknown error";
      logger.error({ accountId, reason }, "scheduled signing-key rotation failed");
    }
  }
  return rotated;
}

async function rotateIfDue(accountId: string, now: Date, secret: string): Promise<boolean> {
  const material = await generateSigningKeyMaterial();
  return getDb().$transaction(async (tx) => {
    const settings = await lockKeySettings(tx, accountId);
    const current = await currentKeys(tx, accountId);
    if (current.length === 0) return false;
    if (current[0].createdAt.getTime() + settings.keyRotationIntervalDays * DAY_MS > now.getTime()) return false;
    await replaceKeys(tx, systemActor(accountId), current, material, now, secret);
    return true;
  });
}

/**
 * Every account's keys for the validator, in one query: the key each account signs with (its
 * newest unretired one, decrypted) and every key that verifies. Throws, naming the key, when a
 * private key cannot be decrypted (AUTH_SECRET changed or differs between instances).
 */
export async function loadSigningKeys(now = new Date()): Promise<LoadedSigningKeys> {
  const secret = authSecret();
  const { rows } = await getPool().query<{ kid: string; account_id: string; public_jwk: JWK; certificate: string; private_key_encrypted: string; created_at: Date; retired_at: Date | null }>(
    `SELECT kid, account_id, public_jwk, certificate, private_key_encrypted, created_at, retired_at
     FROM access_signing_keys WHERE retired_at IS NULL OR retired_at > $1
     ORDER BY created_at DESC, kid DESC`,
    [new Date(now.getTime() - PREVIOUS_KEY_VERIFY_MS)],
  );

  const signing = new Map<string, SigningKey>();
  const verifying = new Map<string, VerifyingKey>();
  for (const row of rows) {
    const publicJwk = row.public_jwk;
    verifying.set(row.kid, {
      kid: row.kid,
      accountId: row.account_id,
      publicKey: createPublicKey({ key: publicJwk as JsonWebKey, format: "jwk" }),
      publicJwk,
      certificate: row.certificate,
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    });
    if (row.retired_at === null && !signing.has(row.account_id)) {
      let pem: string;
      try {
        pem = decryptPrivateKey(row.private_key_encrypted, secret);
      } catch (e) {
        throw new Error(`${(e as Error).message} (key ${row.kid} of account ${row.account_id})`);
      }
      signing.set(row.account_id, { kid: row.kid, privateKey: createPrivateKey({ key: pem, format: "pem" }) });
    }
  }
  return { signing, verifying };
}
