import { randomBytes, type KeyObject } from "node:crypto";
import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";

// The application JWT (CF_Authorization cookie / Cf-Access-Jwt-Assertion header): RS256 with the
// account's current signing key, claims as Cloudflare Access writes them for a service token.

export interface AppJwtClaims extends JWTPayload {
  type: "app";
  aud: string[];
  iss: string;
  sub: "";
  common_name: string;
  service_token_id: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

export interface MintInput {
  kid: string;
  privateKey: KeyObject;
  issuer: string;
  aud: string;
  clientId: string;
  serviceTokenId: string;
  /** Milliseconds since the epoch: iat is its second, jti carries it whole. */
  issuedMs: number;
  /** Seconds since the epoch; not after iat. */
  notBefore: number;
  /** From iat. */
  lifetimeSeconds: number;
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. As the jti it
 * dates the JWT to the millisecond, which iat (whole seconds) cannot: "Revoke existing tokens"
 * compares against it, so a JWT minted just after a revocation is not taken for one before it.
 */
export function uuidV7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** When a JWT was issued, to the millisecond when its jti is a UUIDv7 of the same second as iat. */
export function issuedAtMs(claims: Pick<AppJwtClaims, "iat" | "jti">): number {
  const m = UUID_V7.exec(claims.jti);
  if (m) {
    const ms = parseInt(m[1] + m[2], 16);
    if (Math.floor(ms / 1000) === claims.iat) return ms;
  }
  return claims.iat * 1000;
}

export async function mintAppJwt(m: MintInput): Promise<{ jwt: string; exp: number }> {
  const iat = Math.floor(m.issuedMs / 1000);
  const exp = iat + m.lifetimeSeconds;
  const jwt = await new SignJWT({ type: "app", common_name: m.clientId, service_token_id: m.serviceTokenId })
    .setProtectedHeader({ alg: "RS256", kid: m.kid, typ: "JWT" })
    .setAudience([m.aud])
    .setIssuer(m.issuer)
    .setSubject("")
    .setIssuedAt(iat)
    .setNotBefore(m.notBefore)
    .setExpirationTime(exp)
    .setJti(uuidV7(m.issuedMs))
    .sign(m.privateKey);
  return { jwt, exp };
}

export type JwtCheck = { ok: true; claims: AppJwtClaims; kid: string } | { ok: false; reason: "invalid_jwt" | "jwt_expired" };

/**
 * Signature (RS256 only: `none`, HS256 and every other algorithm are refused before any key is
 * used), issuer, time claims and the claim shape. `keyFor` answers the public key of a kid that
 * still verifies, or null. The audience is the caller's to check: it depends on the application.
 */
export async function verifyAppJwt(jwt: string, keyFor: (kid: string) => KeyObject | null, issuer: string): Promise<JwtCheck> {
  let kid = "";
  try {
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      (header) => {
        const key = typeof header.kid === "string" ? keyFor(header.kid) : null;
        if (!key) throw new errors.JWKSNoMatchingKey();
        kid = header.kid!;
        return key;
      },
      { algorithms: ["RS256"], issuer, clockTolerance: 0 },
    );
    void protectedHeader;
    if (!isAppClaims(payload)) return { ok: false, reason: "invalid_jwt" };
    return { ok: true, claims: payload, kid };
  } catch (e) {
    if (e instanceof errors.JWTExpired) return { ok: false, reason: "jwt_expired" };
    return { ok: false, reason: "invalid_jwt" };
  }
}

function isAppClaims(p: JWTPayload): p is AppJwtClaims {
  return (
    p.type === "app" &&
    Array.isArray(p.aud) &&
    p.aud.every((a) => typeof a === "string") &&
    typeof p.service_token_id === "string" &&
    typeof p.common_name === "string" &&
    typeof p.iat === "number" &&
    typeof p.exp === "number" &&
    typeof p.jti === "string"
  );
}
