import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Encryption at rest of the Access signing keys' private halves (access_signing_keys.
// private_key_encrypted). AES-256-GCM under a 32-byte key derived by HKDF-SHA256 from AUTH_SECRET,
// so every instance that shares AUTH_SECRET can decrypt and nothing else is needed. Stored as
// `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the version names the derivation and cipher.
// Errors never carry key material, plaintext or ciphertext.

const VERSION = "v1";
const SALT = "gatepost access signing keys";
const INFO = "gatepost access signing key encryption v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const UNDECRYPTABLE =
  "cannot decrypt signing key: AUTH_SECRET differs from the one that encrypted it, or the stored key was altered";

function deriveKey(secret: string): Buffer {
  if (secret.length === 0) throw new Error("cannot use signing keys: AUTH_SECRET is empty");
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), SALT, INFO, 32));
}

/** Encrypts a PKCS#8 PEM private key for storage. Two calls never give the same output (random IV). */
export function encryptPrivateKey(pkcs8Pem: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(pkcs8Pem, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The PEM that encryptPrivateKey stored. Throws a plain Error, without any key material, when it cannot. */
export function decryptPrivateKey(stored: string, secret: string): string {
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error("cannot decrypt signing key: the stored value is not in the v1 format");
  }
  const [, ivPart, tagPart, ciphertextPart] = parts;
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  // A short tag would weaken GCM's check: refuse anything but the full 16 bytes.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ciphertext.length === 0) throw new Error(UNDECRYPTABLE);
  const key = deriveKey(secret);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // Node's "Unsupported state or unable to authenticate data" says nothing useful; ours does.
    throw new Error(UNDECRYPTABLE);
  }
}
