import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Encryption at rest of the secrets Gatepost must be able to read back: the Access signing keys'
// private halves (access_signing_keys.private_key_encrypted) and the webhook destinations' secrets
// (alert_webhooks.secret_encrypted). AES-256-GCM under a 32-byte key derived by HKDF-SHA256 from
// AUTH_SECRET, one derivation per purpose, so every instance that shares AUTH_SECRET can decrypt and
// nothing else is needed. Stored as `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the version
// names the derivation and cipher. Errors never carry key material, plaintext or ciphertext.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What is encrypted: its own derived key, and its name in error messages. */
export interface SealPurpose {
  salt: string;
  info: string;
  /** "signing key", "webhook secret" */
  what: string;
}

const SIGNING_KEY: SealPurpose = { salt: "gatepost access signing keys", info: "gatepost access signing key encryption v1", what: "signing key" };

const undecryptable = (p: SealPurpose) => `cannot decrypt ${p.what}: AUTH_SECRET differs from the one that encrypted it, or the stored ${p.what} was altered`;

function deriveKey(secret: string, p: SealPurpose): Buffer {
  if (secret.length === 0) throw new Error(`cannot use ${p.what}s: AUTH_SECRET is empty`);
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), p.salt, p.info, 32));
}

/** Encrypts `plaintext` for storage. Two calls never give the same output (random IV). */
export function sealText(plaintext: string, secret: string, p: SealPurpose): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, p), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The plaintext that sealText stored. Throws a plain Error, without any key material, when it cannot. */
export function openText(stored: string, secret: string, p: SealPurpose): string {
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error(`cannot decrypt ${p.what}: the stored value is not in the v1 format`);
  }
  const [, ivPart, tagPart, ciphertextPart] = parts;
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  // A short tag would weaken GCM's check: refuse anything but the full 16 bytes.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ciphertext.length === 0) throw new Error(undecryptable(p));
  const key = deriveKey(secret, p);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // Node's "Unsupported state or unable to authenticate data" says nothing useful; ours does.
    throw new Error(undecryptable(p));
  }
}

/** Encrypts a PKCS#8 PEM private key for storage. */
export const encryptPrivateKey = (pkcs8Pem: string, secret: string): string => sealText(pkcs8Pem, secret, SIGNING_KEY);

/** The PEM that encryptPrivateKey stored. */
export const decryptPrivateKey = (stored: string, secret: string): string => openText(stored, secret, SIGNING_KEY);
