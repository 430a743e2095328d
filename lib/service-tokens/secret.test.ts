import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CLIENT_ID_PATTERN, CLIENT_SECRET_PATTERN, generateClientId, generateClientSecret, hashSecret, secretMatches } from "./secret";

describe("generateClientId", () => {
  it("is 32 lowercase hex characters followed by .access", () => {
    for (let i = 0; i < 50; i++) {
      const id = generateClientId();
      expect(id).toMatch(/^[0-9a-f]{32}\.access$/);
      expect(id).toMatch(CLIENT_ID_PATTERN);
    }
  });

  it("never repeats", () => {
    const ids = new Set(Array.from({ length: 5000 }, generateClientId));
    expect(ids.size).toBe(5000);
  });
});

describe("generateClientSecret", () => {
  it("is 64 lowercase hex characters (32 random bytes)", () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateClientSecret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(secret).toMatch(CLIENT_SECRET_PATTERN);
    }
  });

  it("never repeats, and uses every hex digit", () => {
    const secrets = Array.from({ length: 5000 }, generateClientSecret);
    expect(new Set(secrets).size).toBe(5000);
    expect(new Set(secrets.join("")).size).toBe(16);
  });
});

describe("hashSecret", () => {
  it("is the SHA-256 digest, as 64 hex characters", () => {
    const secret = generateClientSecret();
    expect(hashSecret(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("never returns the secret itself", () => {
    const secret = generateClientSecret();
    expect(hashSecret(secret)).not.toBe(secret);
  });
});

describe("secretMatches", () => {
  const secret = generateClientSecret();
  const digest = hashSecret(secret);

  it("is true for the secret of the digest", () => {
    expect(secretMatches(secret, digest)).toBe(true);
  });

  it("is false for another secret, a near miss, or an empty one", () => {
    expect(secretMatches(generateClientSecret(), digest)).toBe(false);
    expect(secretMatches(secret.slice(0, -1) + (secret.endsWith("0") ? "1" : "0"), digest)).toBe(false);
    expect(secretMatches(secret.toUpperCase(), digest)).toBe(false);
    expect(secretMatches("", digest)).toBe(false);
  });

  it("is false for the digest presented as the secret", () => {
    expect(secretMatches(digest, digest)).toBe(false);
  });

  it("is false, without throwing, for a stored digest of the wrong length or not hex", () => {
    expect(secretMatches(secret, digest.slice(0, 62))).toBe(false);
    expect(secretMatches(secret, `${digest}00`)).toBe(false);
    expect(secretMatches(secret, "")).toBe(false);
    expect(secretMatches(secret, "z".repeat(64))).toBe(false);
  });
});
