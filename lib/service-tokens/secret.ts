import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Client credentials: generated here, hashed here, compared here. Nothing else handles the raw value.

export const CLIENT_ID_PATTERN = /^[0-9a-f]{32}\.access$/;
export const CLIENT_SECRET_PATTERN = /^[0-9a-f]{64}$/;

export function generateClientId(): string {
  return `${randomBytes(16).toString("hex")}.access`;
}

/** 32 random bytes as 64 lowercase hex characters. */
export function generateClientSecret(): string {
  return randomBytes(32).toString("hex");
}

/** SHA-256 digest, hex. The only form in which a secret is stored. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret against a stored digest. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = Buffer.from(storedHash, "hex");
  return b.length === a.length && timingSafeEqual(a, b);
}
