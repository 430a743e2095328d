import "server-only";
import { hash, timingSafeEqual, type KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import { isUuid } from "../../input/uuid";
import { parseIp, type IpAddress } from "../../net/ip";
import { CLIENT_ID_PATTERN } from "../../service-tokens/secret";
import { normalizeRequestPath, pickAppForPath, requestHost } from "../domain";
import { sessionDurationMs } from "../schemas";
import type { AccessLogWriter, LoggedAttempt } from "./access-log-writer";
import { cookieValue, COOKIE_NAME, readCredentials, TOKEN_HEADER, type Credentials, type HeaderMap } from "./credentials";
import { decideForServiceToken, findBypass, type EvaluablePolicy } from "./evaluate";
import { issuedAtMs, mintAppJwt, verifyAppJwt, type AppJwtClaims } from "./jwt";
import type { FailureLimiter } from "./rate-limit";
import { keyVerifies, type AccessStore, type AppRecord, type KeyRing, type TokenRecord } from "./store";

// The decisions of /cdn-cgi/access/validate, /certs and /get-identity, independent of HTTP
// plumbing (http.ts). The rules, in order:
//   1. The application: ?aud=, else ?domain=, else X-Forwarded-Host + X-Forwarded-Uri (longest
//      path prefix). None: 403.
//   2. A matching bypass policy admits without credentials (no JWT).
//   3. Credentials (credentials.ts). None: 401. Failures are rate limited per client IP and per
//      client id: over the limit, 401 with Retry-After and code rate_limited.
//   4. A service token must be known in the application's account, match the current secret or
//      the previous one inside its grace, be enabled and unexpired (else 401); then the first
//      matching deny (403) or Service Auth policy (admit) by precedence; nothing matching: 403.
//   5. A JWT counts only when strict mode is off and the application has an allow policy; it must
//      verify, name the application's aud, be unexpired, be issued after the last "Revoke
//      existing tokens", and its token must still pass step 4 (policies included).
// Every answer but a bypass is recorded in the access log; nothing here writes to the database on
// the request path (the log writer batches).

export interface ValidationRequest {
  /** null when the URL has no query string. */
  query: URLSearchParams | null;
  headers: HeaderMap;
  clientIp: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ValidatorOptions {
  issuer: string;
  secureCookie: boolean;
}

const FAILURE_MESSAGES = {
  missing_credentials: "this application requires a service token (CF-Access-Client-Id and CF-Access-Client-Secret)",
  invalid_credentials: "the credentials presented do not authenticate",
  rate_limited: "too many failed attempts; retry later",
  access_denied: "access to this application is denied",
  no_application: "no Access application matches this request",
  unavailable: "the access service cannot reach its database; retry later",
  not_found: "no such endpoint; the access endpoints are /cdn-cgi/access/validate, /certs and /get-identity",
  method_not_allowed: "method not allowed",
} as const;
export type FailureCode = keyof typeof FAILURE_MESSAGES;

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

export function failure(status: number, code: FailureCode, extra: Record<string, string> = {}): Answer {
  const body = `{"success":false,"errors":[{"code":"${code}","message":"${FAILURE_MESSAGES[code]}"}],"messages":[],"result":null}`;
  return { status, headers: { ...JSON_HEADERS, ...extra }, body };
}

/** One-shot (no Hash object per request: measured, a sixth of a warm validation). */
function sha256(s: string): Buffer {
  return hash("sha256", s, "buffer");
}

/**
 * `fn` remembered by its argument, for texts that repeat (the same few peers and hosts ask again
 * and again); forgets everything past `max` entries, so a flood of distinct texts stays bounded.
 */
function remembered<T>(fn: (text: string) => T, max = 10_000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T;
    const value = fn(text);
    if (seen.size >= max) seen.clear();
    seen.set(text, value);
    return value;
  };
}

/** Parsed client addresses and normalised forwarded hosts, by their text. */
const clientAddress = remembered<IpAddress | null>(parseIp);
const hostOf = remembered(requestHost);

function first(headers: HeaderMap, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

const AUD_PATTERN = /^[0-9a-f]{64}$/;

/** A reused JWT must have at least this share of its lifetime left (and 30 s). */
const REUSE_MIN_REMAINING = 0.5;

/** A JWT this instance signed, kept for reuse by (token, application, admitting policy). */
interface MintedJwt {
  jwt: string;
  /** Seconds since the epoch. */
  exp: number;
  iat: number;
  /** Milliseconds since the epoch (the jti's). */
  issuedMs: number;
  kid: string;
  lifetimeSeconds: number;
  /** `"<exp as RFC 3339>"`, formatted once. */
  expiresJson?: string;
  /** See AnswerSlot. */
  answer: AnswerSlot;
}

/**
 * The last 200 built with one JWT (minted here or presented), reused while the application and
 * token records are the same objects (any change reloads them) and the cookie choice is the same;
 * in a new second, a cookie answer is copied with only its Max-Age counted down (`second` says
 * which second `value` was made for). Kept from the second use on: a JWT used once (most of a cold
 * start) costs no answer in memory.
 */
type AnswerSlot = { app: AppRecord; token: TokenRecord; cookie: boolean; second: number; value: Answer } | "unused" | "used";

/** A presented JWT whose signature and claims verified (time, key and state are checked on every use). */
interface VerifiedJwt {
  claims: AppJwtClaims;
  kid: string;
  answer: AnswerSlot;
}

/**
 * What a decision still needs that no cache holds: a database read, a JWT to verify or sign. The
 * decision returns it instead of awaiting, the caller loads it, and the decision runs again with
 * the result at hand. A warm request never creates a promise (with Next in the process every
 * promise pays for its async-context hooks: measured, they were most of a warm validation's cost).
 */
class Need {
  constructor(
    readonly key: string,
    readonly load: () => Promise<unknown>,
  ) {}
}

interface Ctx {
  /** What this request loaded so far (null on the first, synchronous attempt). */
  memo: Map<string, unknown> | null;
  now: number;
}

type JwtCheck = { ok: true; verified: VerifiedJwt } | { ok: false; reason: "invalid_jwt" | "jwt_expired" };
type SigningKey = { kid: string; privateKey: KeyObject };

export class Validator {
  /** Signature and claims of JWTs already verified; time, key and state checks run on every use. */
  private readonly verified = new LRUCache<string, VerifiedJwt>({ max: 20_000 });
  /**
   * Reused while the signing key, the lifetime and the application's last revocation allow; the
   * token's own state is checked on every request before this is consulted. Kept apart from the
   * token records so that reloading a record (after any change to it) does not mean signing anew.
   */
  private readonly minted = new LRUCache<string, MintedJwt>({ max: 25_000 });
  private readonly minting = new Map<string, Promise<MintedJwt>>();

  constructor(
    private readonly store: AccessStore,
    private readonly log: AccessLogWriter,
    private readonly limits: { ip: FailureLimiter; clientId: FailureLimiter },
    private readonly options: ValidatorOptions,
  ) {}

  /** Runs `decide` from the caches alone if it can, else loading what it asks for, in turn. */
  private run<T>(decide: (ctx: Ctx) => T | Need): T | Promise<T> {
    const first = decide({ memo: null, now: Date.now() });
    if (!(first instanceof Need)) return first;
    return (async () => {
      const memo = new Map<string, unknown>();
      let need: Need = first;
      for (let i = 0; i < 16; i++) {
        memo.set(need.key, await need.load());
        const next = decide({ memo, now: Date.now() });
        if (!(next instanceof Need)) return next;
        need = next;
      }
      throw new Error("validation asked for too many loads");
    })();
  }

  /**
   * What this request already loaded under `kind + id`, else the cached value `hit` (undefined: not
   * cached), else a Need. The key string is built only off the warm path.
   */
  private lookup<T>(ctx: Ctx, kind: string, id: string, hit: T | undefined, load: (id: string) => Promise<T>): T | Need {
    if (ctx.memo !== null) {
      const key = kind + id;
      if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
    }
    return hit === undefined ? new Need(kind + id, () => load(id)) : hit;
  }

  // The loads, bound once (not a closure per request).
  private readonly loadAppByAud = (aud: string) => this.store.appByAud(aud);
  private readonly loadAppsForHost = (host: string) => this.store.appsForHost(host);
  private readonly loadKeys = () => this.store.keys();
  private readonly loadSigningKey = (accountId: string) => this.store.signingKey(accountId);
  private readonly loadToken = (clientId: string) => this.store.tokenByClientId(clientId);
  private readonly loadTokenById = (id: string) => this.store.tokenById(id);

  private app(ctx: Ctx, query: URLSearchParams | null, headers: HeaderMap): AppRecord | null | Need {
    const aud = query?.get("aud") ?? null;
    if (aud !== null) {
      const a = aud.toLowerCase();
      if (!AUD_PATTERN.test(a)) return null;
      return this.lookup(ctx, "u:", a, this.store.peekAppByAud(a), this.loadAppByAud);
    }
    const domain = query?.get("domain") ?? null;
    let hostText: string | null;
    let path: string;
    if (domain !== null) {
      const slash = domain.indexOf("/");
      hostText = slash === -1 ? domain : domain.slice(0, slash);
      path = slash === -1 ? "/" : domain.slice(slash);
    } else {
      hostText = first(headers, "x-forwarded-host");
      path = first(headers, "x-forwarded-uri") ?? "/";
    }
    const host = hostText === null ? null : hostOf(hostText);
    if (host === null) return null;
    const apps = this.lookup(ctx, "h:", host, this.store.peekAppsForHost(host), this.loadAppsForHost);
    if (apps instanceof Need) return apps;
    return pickAppForPath(apps, path === "/" ? "/" : normalizeRequestPath(path));
  }

  private keyRing(ctx: Ctx): KeyRing | Need {
    return this.lookup(ctx, "keys", "", this.store.peekKeys(), this.loadKeys);
  }

  private signingKey(ctx: Ctx, accountId: string): SigningKey | Need {
    const ring = this.keyRing(ctx);
    if (ring instanceof Need) return ring;
    return this.lookup(ctx, "s:", accountId, ring.signing.get(accountId), this.loadSigningKey);
  }

  validate(req: ValidationRequest): Answer | Promise<Answer> {
    return this.run((ctx) => this.decide(ctx, req));
  }

  private decide(ctx: Ctx, req: ValidationRequest): Answer | Need {
    const app = this.app(ctx, req.query, req.headers);
    if (app instanceof Need) return app;
    if (!app) return failure(403, "no_application");
    const ip = clientAddress(req.clientIp);
    const base: LoggedAttempt = {
      accountId: app.accountId,
      allowed: false,
      reason: "",
      appId: app.id,
      appDomain: app.domain,
      serviceTokenId: null,
      clientId: null,
      ipAddress: req.clientIp,
      userAgent: first(req.headers, "user-agent"),
    };

    const bypass = findBypass(app.policies, { serviceTokenId: null, ip });
    if (bypass) {
      base.allowed = true;
      base.reason = "bypass";
      this.log.record(base, ctx.now);
      return this.admitted(app, null, null, false, ctx.now);
    }

    const creds = readCredentials(req.headers, app.singleHeader);
    if (creds.kind === "none") return this.refuse(ctx, base, "missing_credentials", 401, "missing_credentials", false);

    const ipWait = this.limits.ip.retryAfter(req.clientIp, ctx.now);
    if (ipWait > 0) return this.rateLimited(ctx, base, creds, ipWait);

    if (creds.kind === "malformed") {
      base.clientId = creds.clientId;
      return this.refuse(ctx, base, "invalid_credentials", 401, "invalid_credentials", true);
    }
    if (creds.kind === "jwt") return this.decideJwt(ctx, app, base, creds.jwt, ip);

    const idWait = this.limits.clientId.retryAfter(creds.clientId, ctx.now);
    if (idWait > 0) return this.rateLimited(ctx, base, creds, idWait);
    // One attempt object per request, filled in as the request is understood (record() copies
    // what it keeps): no copy per step on the hot path.
    const attempt = base;
    attempt.clientId = creds.clientId;

    let found: TokenRecord | null = null;
    if (CLIENT_ID_PATTERN.test(creds.clientId)) {
      const t = this.lookup(ctx, "c:", creds.clientId, this.store.peekToken(creds.clientId), this.loadToken);
      if (t instanceof Need) return t;
      found = t;
    }
    // A token of another account is as unknown here as one that never existed.
    const token = found && found.accountId === app.accountId ? found : null;
    if (!token) return this.refuse(ctx, attempt, "unknown_client_id", 401, "invalid_credentials", true);
    const withToken = attempt;
    withToken.serviceTokenId = token.id;
    const secret = secretMatch(token, creds.clientSecret, ctx.now);
    if (secret === null) return this.refuse(ctx, withToken, "invalid_client_secret", 401, "invalid_credentials", true);
    const state = tokenState(token, ctx.now);
    if (state) return this.refuse(ctx, withToken, state, 401, "invalid_credentials", true);

    const decision = decideForServiceToken(app.policies, { serviceTokenId: token.id, ip });
    if (decision.outcome === "deny") return this.refuse(ctx, withToken, "denied_by_policy", 403, "access_denied", false);
    if (decision.outcome === "no_match") return this.refuse(ctx, withToken, "no_policy_match", 403, "access_denied", false);

    const minted = this.jwtFor(ctx, token, app, decision.policy);
    if (minted instanceof Need) return minted;
    withToken.allowed = true;
    withToken.reason = "ok";
    this.log.record(withToken, ctx.now);
    this.log.touch(token.id, req.clientIp, secret === "previous", ctx.now);
    return this.admitted(app, token, minted, app.hasAllow && !app.strict, ctx.now);
  }

  private decideJwt(ctx: Ctx, app: AppRecord, base: LoggedAttempt, jwt: string, ip: IpAddress | null): Answer | Need {
    if (app.strict) return this.refuse(ctx, base, "strict_mode", 401, "invalid_credentials", false);
    if (!app.hasAllow) return this.refuse(ctx, base, "jwt_not_accepted", 401, "invalid_credentials", false);
    const check = this.checkJwt(ctx, jwt, app.aud);
    if (check instanceof Need) return check;
    if (!check.ok) return this.refuse(ctx, base, check.reason, 401, "invalid_credentials", true);
    const { verified } = check;
    const { claims } = verified;
    const attempt = base;
    attempt.clientId = claims.common_name;
    attempt.serviceTokenId = claims.service_token_id;
    if (revokedBefore(claims, app)) return this.refuse(ctx, attempt, "jwt_revoked", 401, "invalid_credentials", false);
    const token = this.tokenOfJwt(ctx, claims, app);
    if (token instanceof Need) return token;
    if (!token) return this.refuse(ctx, attempt, "token_deleted", 401, "invalid_credentials", false);
    const state = tokenState(token, ctx.now);
    if (state) return this.refuse(ctx, attempt, state, 401, "invalid_credentials", false);
    const decision = decideForServiceToken(app.policies, { serviceTokenId: token.id, ip });
    if (decision.outcome === "deny") return this.refuse(ctx, attempt, "denied_by_policy", 403, "access_denied", false);
    if (decision.outcome === "no_match") return this.refuse(ctx, attempt, "no_policy_match", 403, "access_denied", false);
    attempt.allowed = true;
    attempt.reason = "ok";
    this.log.record(attempt, ctx.now);
    this.log.touch(token.id, base.ipAddress, false, ctx.now);
    return this.admitted(app, token, { jwt, exp: claims.exp, answer: verified.answer }, false, ctx.now, verified);
  }

  /** The token a JWT names, if it still exists in the application's account. */
  private tokenOfJwt(ctx: Ctx, claims: AppJwtClaims, app: AppRecord): TokenRecord | null | Need {
    const id = claims.service_token_id;
    if (!isUuid(id)) return null;
    const found = this.lookup(ctx, "i:", id, this.store.peekTokenById(id), this.loadTokenById);
    if (found instanceof Need) return found;
    return found && found.accountId === app.accountId ? found : null;
  }

  /** Verifies a JWT for `aud` (signature cached; expiry, key validity and aud checked every time). */
  private checkJwt(ctx: Ctx, jwt: string, aud: string | null): JwtCheck | Need {
    const ring = this.keyRing(ctx);
    if (ring instanceof Need) return ring;
    const now = ctx.now;
    let hit = this.verified.get(jwt);
    if (!hit) {
      const result = this.lookup(ctx, "v:", jwt, undefined, () =>
        verifyAppJwt(
          jwt,
          (kid) => {
            const key = ring.verifying.get(kid);
            return key && keyVerifies(key, now) ? key.publicKey : null;
          },
          this.options.issuer,
        ),
      );
      if (result instanceof Need) return result;
      if (!result.ok) return result;
      hit = { claims: result.claims, kid: result.kid, answer: "unused" };
      this.verified.set(jwt, hit);
    }
    const key = ring.verifying.get(hit.kid);
    if (!key || !keyVerifies(key, now)) return { ok: false, reason: "invalid_jwt" };
    if (hit.claims.exp * 1000 <= now) return { ok: false, reason: "jwt_expired" };
    if (typeof hit.claims.nbf === "number" && hit.claims.nbf * 1000 > now) return { ok: false, reason: "invalid_jwt" };
    if (aud !== null && !hit.claims.aud.includes(aud)) return { ok: false, reason: "invalid_jwt" };
    return { ok: true, verified: hit };
  }

  private jwtFor(ctx: Ctx, token: TokenRecord, app: AppRecord, policy: EvaluablePolicy): MintedJwt | Need {
    const key = `${token.id}|${app.id}|${policy.id}`;
    const signing = this.signingKey(ctx, app.accountId);
    if (signing instanceof Need) return signing;
    const nowSec = Math.floor(ctx.now / 1000);
    const lifetimeMs = policy.sessionDuration ? sessionDurationMs(policy.sessionDuration) : app.sessionMs;
    const lifetimeSeconds = Math.max(1, Math.floor(lifetimeMs / 1000));
    const cached = this.minted.get(key);
    if (
      cached &&
      cached.kid === signing.kid &&
      cached.lifetimeSeconds === lifetimeSeconds &&
      (app.lastRevokedAt === null || cached.issuedMs >= app.lastRevokedAt)
    ) {
      const remaining = cached.exp - nowSec;
      if (remaining > 30 && remaining >= lifetimeSeconds * REUSE_MIN_REMAINING) return cached;
    }
    return this.lookup(ctx, "m:", key, undefined, () => this.mint(key, token, app, signing, lifetimeSeconds));
  }

  /** Signs a JWT (one at a time per token, application and policy) and keeps it for reuse. */
  private mint(key: string, token: TokenRecord, app: AppRecord, signing: SigningKey, lifetimeSeconds: number): Promise<MintedJwt> {
    const running = this.minting.get(key);
    if (running) return running;
    const now = Date.now();
    // Never dated before the application's last "Revoke existing tokens", even when this
    // instance's clock is a little behind the one that revoked.
    const issuedMs = Math.max(now, app.lastRevokedAt ?? 0);
    const promise = mintAppJwt({
      kid: signing.kid,
      privateKey: signing.privateKey,
      issuer: this.options.issuer,
      aud: app.aud,
      clientId: token.clientId,
      serviceTokenId: token.id,
      issuedMs,
      notBefore: Math.floor(now / 1000),
      lifetimeSeconds,
    })
      .then(({ jwt, exp }) => {
        const minted: MintedJwt = {
          answer: "unused",
          jwt,
          exp,
          iat: Math.floor(issuedMs / 1000),
          issuedMs,
          kid: signing.kid,
          lifetimeSeconds,
          expiresJson: `"${new Date(exp * 1000).toISOString()}"`,
        };
        this.minted.set(key, minted);
        return minted;
      })
      .finally(() => this.minting.delete(key));
    this.minting.set(key, promise);
    return promise;
  }

  /**
   * The 200. `keeper` (the minted or verified JWT's record) keeps the answer for reuse; a bypass
   * has none.
   */
  private admitted(
    app: AppRecord,
    token: TokenRecord | null,
    jwt: { jwt: string; exp: number; expiresJson?: string; answer: AnswerSlot } | null,
    cookie: boolean,
    now: number,
    keeper: { answer: AnswerSlot } | null = jwt,
  ): Answer {
    const second = Math.floor(now / 1000);
    const cached = jwt?.answer;
    if (typeof cached === "object" && cached.app === app && cached.token === token && cached.cookie === cookie) {
      if (!cookie || cached.second === second) return cached.value;
      // Another second: the same answer with the cookie's Max-Age counted down.
      cached.value = { status: 200, headers: { ...cached.value.headers, "set-cookie": this.cookie(jwt!, second) }, body: cached.value.body };
      cached.second = second;
      return cached.value;
    }
    const headers: Record<string, string> = { ...JSON_HEADERS };
    let expiresAt = "null";
    let tokenJson = "null";
    if (token && jwt) {
      headers["cf-access-jwt-assertion"] = jwt.jwt;
      headers["cf-access-client-id"] = token.clientId;
      expiresAt = jwt.expiresJson ?? `"${new Date(jwt.exp * 1000).toISOString()}"`;
      tokenJson = JSON.stringify({ id: token.id, client_id: token.clientId, name: token.name });
      if (cookie) headers["set-cookie"] = this.cookie(jwt, second);
    }
    const body = `{"success":true,"errors":[],"messages":[],"result":{"app":${app.json},"service_token":${tokenJson},"expires_at":${expiresAt}}}`;
    headers["content-length"] = String(Buffer.byteLength(body));
    const value: Answer = { status: 200, headers, body };
    if (keeper && token) keeper.answer = keeper.answer === "unused" ? "used" : { app, token, cookie, second, value };
    return value;
  }

  /** CF_Authorization with the JWT, living as long as the JWT has left. */
  private cookie(jwt: { jwt: string; exp: number }, second: number): string {
    return `${COOKIE_NAME}=${jwt.jwt}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, jwt.exp - second)}${this.options.secureCookie ? "; Secure" : ""}`;
  }

  private refuse(ctx: Ctx, attempt: LoggedAttempt, reason: string, status: 401 | 403, code: FailureCode, counts: boolean): Answer {
    attempt.allowed = false;
    attempt.reason = reason;
    this.log.record(attempt, ctx.now);
    if (counts) {
      this.limits.ip.fail(attempt.ipAddress ?? "unknown", ctx.now);
      if (attempt.clientId) this.limits.clientId.fail(attempt.clientId, ctx.now);
    }
    return failure(status, code);
  }

  private rateLimited(ctx: Ctx, base: LoggedAttempt, creds: Credentials, wait: number): Answer {
    const clientId = creds.kind === "service_token" || creds.kind === "malformed" ? creds.clientId : null;
    base.clientId = clientId;
    base.allowed = false;
    base.reason = "rate_limited";
    this.log.record(base, ctx.now);
    return failure(401, "rate_limited", { "retry-after": String(wait) });
  }

  /** GET /cdn-cgi/access/get-identity: the identity behind a JWT that still authenticates. */
  identity(headers: HeaderMap): Answer | Promise<Answer> {
    const jwt = first(headers, TOKEN_HEADER) ?? cookieValue(headers, COOKIE_NAME);
    if (!jwt) return failure(401, "missing_credentials");
    return this.run((ctx) => {
      const check = this.checkJwt(ctx, jwt, null);
      if (check instanceof Need) return check;
      if (!check.ok) return failure(401, "invalid_credentials");
      const { claims } = check.verified;
      const aud = claims.aud[0] ?? "";
      const app = AUD_PATTERN.test(aud) ? this.lookup(ctx, "u:", aud, this.store.peekAppByAud(aud), this.loadAppByAud) : null;
      if (app instanceof Need) return app;
      if (!app || revokedBefore(claims, app)) return failure(401, "invalid_credentials");
      const token = this.tokenOfJwt(ctx, claims, app);
      if (token instanceof Need) return token;
      if (!token || tokenState(token, ctx.now) !== null) return failure(401, "invalid_credentials");
      const body = JSON.stringify({
        service_token_id: token.id,
        service_token_status: true,
        common_name: claims.common_name,
        aud: claims.aud,
        iat: claims.iat,
        exp: claims.exp,
      });
      return { status: 200, headers: { ...JSON_HEADERS }, body };
    });
  }

  /**
   * GET /cdn-cgi/access/certs: the keys that verify now, newest first. With ?aud=, ?domain= or
   * X-Forwarded-Host naming an application, only its account's keys; otherwise every account's.
   */
  certs(query: URLSearchParams | null, headers: HeaderMap): Answer | Promise<Answer> {
    const hinted = query?.has("aud") || query?.has("domain") || headers.has("x-forwarded-host");
    return this.run((ctx) => {
      const app = hinted ? this.app(ctx, query, headers) : null;
      if (app instanceof Need) return app;
      const ring = this.keyRing(ctx);
      if (ring instanceof Need) return ring;
      const keys = [...ring.verifying.values()]
        .filter((k) => keyVerifies(k, ctx.now) && (app === null || k.accountId === app.accountId))
        .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt.getTime() - a.createdAt.getTime());
      const certs = keys.map((k) => ({ kid: k.kid, cert: k.certificate }));
      const body = JSON.stringify({ keys: keys.map((k) => k.publicJwk), public_cert: certs[0] ?? null, public_certs: certs });
      return { status: 200, headers: { "content-type": "application/json", "cache-control": "public, max-age=60" }, body };
    });
  }
}

/** Constant-time comparison of the presented secret's digest with the current and previous ones. */
function secretMatch(token: TokenRecord, presented: string, now: number): "current" | "previous" | null {
  const digest = sha256(presented);
  if (timingSafeEqual(digest, Buffer.from(token.secretHash, "hex"))) return "current";
  if (
    token.previousSecretHash !== null &&
    token.previousSecretExpiresAt !== null &&
    token.previousSecretExpiresAt > now &&
    timingSafeEqual(digest, Buffer.from(token.previousSecretHash, "hex"))
  ) {
    return "previous";
  }
  return null;
}

/** Issued before the application's last "Revoke existing tokens" (to the millisecond, see jwt.ts). */
function revokedBefore(claims: AppJwtClaims, app: AppRecord): boolean {
  return app.lastRevokedAt !== null && issuedAtMs(claims) < app.lastRevokedAt;
}

function tokenState(token: TokenRecord, now: number): "disabled" | "expired" | null {
  if (!token.enabled) return "disabled";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  return null;
}
