import { generateKeyPairSync } from "node:crypto";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { issuedAtMs, mintAppJwt, uuidV7, verifyAppJwt } from "./jwt";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ISSUER = "https://gatepost.example.com";
const now = Date.now();

const mint = (over: Partial<Parameters<typeof mintAppJwt>[0]> = {}) =>
  mintAppJwt({
    kid: "k1",
    privateKey,
    issuer: ISSUER,
    aud: "a".repeat(64),
    clientId: "c.access",
    serviceTokenId: "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
    issuedMs: now,
    notBefore: Math.floor(now / 1000),
    lifetimeSeconds: 60,
    ...over,
  });

describe("mintAppJwt / verifyAppJwt", () => {
  it("round-trips with the key of its kid, and dates the jti to the millisecond", async () => {
    const { jwt, exp } = await mint();
    const r = await verifyAppJwt(jwt, (kid) => (kid === "k1" ? publicKey : null), ISSUER);
    expect(r.ok).toBe(true);
    const claims = decodeJwt(jwt) as { iat: number; jti: string };
    expect(exp).toBe(claims.iat + 60);
    expect(issuedAtMs(claims)).toBe(now);
  });

  it("refuses an unknown kid, another key, another issuer and an expired JWT", async () => {
    const { jwt } = await mint();
    expect(await verifyAppJwt(jwt, () => null, ISSUER)).toEqual({ ok: false, reason: "invalid_jwt" });
    expect(await verifyAppJwt(jwt, () => other.publicKey, ISSUER)).toEqual({ ok: false, reason: "invalid_jwt" });
    expect(await verifyAppJwt(jwt, () => publicKey, "https://elsewhere.example.com")).toEqual({ ok: false, reason: "invalid_jwt" });
    const old = await mint({ issuedMs: now - 120_000, notBefore: Math.floor((now - 120_000) / 1000) });
    expect(await verifyAppJwt(old.jwt, () => publicKey, ISSUER)).toEqual({ ok: false, reason: "jwt_expired" });
  });
});

describe("uuidV7 / issuedAtMs", () => {
  it("is a version-7 UUID carrying the milliseconds", () => {
    const id = uuidV7(1_796_113_995_290);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(issuedAtMs({ iat: 1_796_113_995, jti: id })).toBe(1_796_113_995_290);
  });

  it("falls back to iat when the jti is not a UUIDv7 of the same second", () => {
    expect(issuedAtMs({ iat: 1000, jti: "not-a-uuid" })).toBe(1_000_000);
    expect(issuedAtMs({ iat: 1000, jti: uuidV7(5_000_123) })).toBe(1_000_000);
  });
});
