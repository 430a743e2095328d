import { randomUUID, type KeyObject } from "node:crypto";
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
  /** Seconds since the epoch. */
  issuedAt: number;
  lifetimeSeconds: number;
}

export async function mintAppJwt(m: MintInput): Promise<{ jwt: string; exp: number }> {
  const exp = m.issuedAt + m.lifetimeSeconds;
  const jwt = await new SignJWT({ type: "app", common_name: m.clientId, service_token_id: m.serviceTokenId })
    .setProtectedHeader({ alg: "RS256", kid: m.kid, typ: "JWT" })
    .setAudience([m.aud])
    .setIssuer(m.issuer)
    .setSubject("")
    .setIssuedAt(m.issuedAt)
    .setNotBefore(m.issuedAt)
    .setExpirationTime(exp)
    .setJti(randomUUID())
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
    typeof p.exp === "number"
  );
}
