import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptPrivateKey, encryptPrivateKey } from "./key-crypto";

const SECRET = "a".repeat(24) + "-test-secret-0123456789";
const OTHER = "b".repeat(24) + "-test-secret-0123456789";
// A real PKCS#8 PEM (Ed25519: quick to make; the cipher does not care what the key is).
const PEM = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
const BODY = PEM.split("\n")[1];

/** Flips one bit of one base64url part of the stored value. */
function tamper(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[part], "base64url");
  bytes[bytes.length >> 1] ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("signing-key encryption", () => {
  it("round-trips and stores v1.<iv>.<tag>.<ciphertext> without the plaintext", () => {
    const stored = encryptPrivateKey(PEM, SECRET);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("PRIVATE KEY");
    expect(stored).not.toContain(BODY);
    expect(decryptPrivateKey(stored, SECRET)).toBe(PEM);
  });

  it("gives a different value each time (random IV)", () => {
    const a = encryptPrivateKey(PEM, SECRET);
    const b = encryptPrivateKey(PEM, SECRET);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(decryptPrivateKey(a, SECRET)).toBe(decryptPrivateKey(b, SECRET));
  });

  it("refuses another secret with a clear message and no key material", () => {
    const stored = encryptPrivateKey(PEM, SECRET);
    const e = errorOf(() => decryptPrivateKey(stored, OTHER));
    expect(e.message).toMatch(/^cannot decrypt signing key: AUTH_SECRET differs from the one that encrypted it/);
    for (const leak of [BODY, stored.split(".")[3], "PRIVATE KEY", SECRET, OTHER]) expect(e.message).not.toContain(leak);
  });

  it.each([1, 2, 3] as const)("refuses a value altered in part %i", (part) => {
    const stored = encryptPrivateKey(PEM, SECRET);
    expect(() => decryptPrivateKey(tamper(stored, part), SECRET)).toThrow(/^cannot decrypt signing key: /);
  });

  it("refuses a truncated tag, a wrong version and a malformed value", () => {
    const [v, iv, tag, ct] = encryptPrivateKey(PEM, SECRET).split(".");
    const shortTag = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    for (const bad of [[v, iv, shortTag, ct].join("."), ["v2", iv, tag, ct].join("."), [v, iv, tag].join("."), "", PEM]) {
      expect(() => decryptPrivateKey(bad, SECRET)).toThrow(/^cannot decrypt signing key: /);
    }
  });
});
