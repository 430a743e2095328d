import "server-only";
import { LRUCache } from "lru-cache";
import { getPool } from "../../db/client";
import type { Rule } from "../rules";
import { sessionDurationMs } from "../schemas";
import { ensureSigningKey, loadSigningKeys, PREVIOUS_KEY_VERIFY_MS } from "../signing-keys";
import type { EvaluablePolicy } from "./evaluate";
import { hasAllowPolicy } from "./evaluate";

// What validation reads from the database, cached per instance. The caches are bounded (a flood
// of distinct bogus client ids evicts only other negative entries) and are used only while the
// change feed is fresh (change-feed.ts); otherwise every read goes to the database. A load that
// raced with a change notification answers its request but is not cached.

export interface AppRecord {
  id: string;
  accountId: string;
  aud: string;
  name: string;
  domain: string;
  sessionMs: number;
  /** Lowercase header name, or null. */
  singleHeader: string | null;
  /** ms since the epoch; JWTs issued before it are refused. */
  lastRevokedAt: number | null;
  /** In ascending precedence. */
  policies: EvaluablePolicy[];
  hasAllow: boolean;
  strict: boolean;
  /** `{"id","aud","name","domain"}` as the 200 body names it, serialised once. */
  json: string;
}

export interface TokenRecord {
  id: string;
  accountId: string;
  clientId: string;
  name: string;
  /**
   * SHA-256 digests as hex strings: a Buffer.from(hex) slice would pin an 8 KB block of Node's
   * buffer pool for as long as the record lives (measured: 3 KB per cached token instead of 0.5).
   */
  secretHash: string;
  previousSecretHash: string | null;
  previousSecretExpiresAt: number | null;
  expiresAt: number | null;
  enabled: boolean;
}

export interface VerifyingKey {
  kid: string;
  accountId: string;
  publicKey: import("node:crypto").KeyObject;
  publicJwk: Record<string, unknown>;
  certificate: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface KeyRing {
  signing: Map<string, { kid: string; privateKey: import("node:crypto").KeyObject }>;
  verifying: Map<string, VerifyingKey>;
}

/** Whether a key still verifies at `now`: current, or retired less than 7 days ago. */
export function keyVerifies(key: VerifyingKey, now: number): boolean {
  return key.retiredAt === null || now - key.retiredAt.getTime() < PREVIOUS_KEY_VERIFY_MS;
}

type Box<T> = { value: T };

// The reads run on the pool (getPool), not through Prisma: this process never loads Prisma's query
// compiler (see lib/db/client.ts).

interface AppRow {
  id: string;
  account_id: string;
  aud: string;
  name: string;
  domain: string;
  session_duration: string;
  read_service_tokens_from_header: string | null;
  last_revoked_at: Date | null;
  strict: boolean;
  /** In ascending precedence. */
  policies: { id: string; decision: EvaluablePolicy["decision"]; include: Rule[]; require: Rule[]; exclude: Rule[]; precedence: number; session_duration: string | null }[];
}

const APP_COLUMNS = `
  a.id, a.account_id, a.aud, a.name, a.domain, a.session_duration, a.read_service_tokens_from_header, a.last_revoked_at,
  COALESCE((SELECT s.strict_service_token_auth FROM account_settings s WHERE s.account_id = a.account_id), false) AS strict,
  COALESCE((
    SELECT json_agg(json_build_object(
      'id', p.id, 'decision', p.decision, 'include', p.include_rules, 'require', p.require_rules, 'exclude', p.exclude_rules,
      'precedence', ap.precedence, 'session_duration', p.session_duration) ORDER BY ap.precedence)
    FROM app_policies ap JOIN access_policies p ON p.id = ap.policy_id
    WHERE ap.app_id = a.id), '[]') AS policies`;

interface TokenRow {
  id: string;
  account_id: string;
  client_id: string;
  name: string;
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_secret_expires_at: Date | null;
  expires_at: Date | null;
  enabled: boolean;
}

const TOKEN_COLUMNS = "id, account_id, client_id, name, secret_hash, previous_secret_hash, previous_secret_expires_at, expires_at, enabled";

async function loadAppsByHost(host: string): Promise<AppRow[]> {
  return (await getPool().query<AppRow>(`SELECT ${APP_COLUMNS} FROM access_apps a WHERE a.domain_host = $1 ORDER BY a.created_at, a.id`, [host])).rows;
}

async function loadAppByAud(aud: string): Promise<AppRow | null> {
  return (await getPool().query<AppRow>(`SELECT ${APP_COLUMNS} FROM access_apps a WHERE a.aud = $1`, [aud])).rows[0] ?? null;
}

async function loadToken(where: { clientId: string } | { id: string }): Promise<TokenRow | null> {
  const [column, value] = "clientId" in where ? ["client_id", where.clientId] : ["id", where.id];
  return (await getPool().query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM service_tokens WHERE ${column} = $1`, [value])).rows[0] ?? null;
}

function toAppRecord(row: AppRow): AppRecord {
  const policies: EvaluablePolicy[] = row.policies.map((p) => ({
    id: p.id,
    decision: p.decision,
    include: p.include,
    require: p.require,
    exclude: p.exclude,
    precedence: p.precedence,
    sessionDuration: p.session_duration,
  }));
  return {
    id: row.id,
    accountId: row.account_id,
    aud: row.aud,
    name: row.name,
    domain: row.domain,
    sessionMs: sessionDurationMs(row.session_duration),
    singleHeader: row.read_service_tokens_from_header ? row.read_service_tokens_from_header.toLowerCase() : null,
    lastRevokedAt: row.last_revoked_at?.getTime() ?? null,
    policies,
    hasAllow: hasAllowPolicy(policies),
    strict: row.strict,
    json: JSON.stringify({ id: row.id, aud: row.aud, name: row.name, domain: row.domain }),
  };
}

/** One string per account id, however many cached tokens name it (100,000 tokens, few accounts). */
const accountIds = new Map<string, string>();
function accountIdOf(id: string): string {
  const known = accountIds.get(id);
  if (known !== undefined) return known;
  if (accountIds.size >= 10_000) accountIds.clear();
  accountIds.set(id, id);
  return id;
}

function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    accountId: accountIdOf(row.account_id),
    clientId: row.client_id,
    name: row.name,
    secretHash: row.secret_hash,
    previousSecretHash: row.previous_secret_hash,
    previousSecretExpiresAt: row.previous_secret_expires_at?.getTime() ?? null,
    expiresAt: row.expires_at?.getTime() ?? null,
    enabled: row.enabled,
  };
}

export interface StoreLimits {
  tokens: number;
  negativeTokens: number;
  hosts: number;
}

export const DEFAULT_LIMITS: StoreLimits = { tokens: 200_000, negativeTokens: 20_000, hosts: 10_000 };

interface PendingLoad {
  promise: Promise<unknown>;
  /** A change notification for this key arrived while loading: the result may predate it. */
  dirty: boolean;
}

export class AccessStore {
  private readonly tokensByClientId: LRUCache<string, TokenRecord>;
  /** Token id → client id, for JWTs (which name the token by id). */
  private readonly clientIdById: LRUCache<string, string>;
  private readonly unknownClientIds: LRUCache<string, true>;
  private readonly appsByHost: LRUCache<string, Box<AppRecord[]>>;
  private readonly appsByAud: LRUCache<string, Box<AppRecord | null>>;
  private keyRing: KeyRing | null = null;
  private readonly pending = new Map<string, PendingLoad>();

  constructor(
    private readonly isFresh: () => boolean,
    limits: StoreLimits = DEFAULT_LIMITS,
    /** Makes an account's first signing key (see AccessRuntimeOptions.ensureSigningKey). */
    private readonly ensureKey: (accountId: string) => Promise<void> = ensureSigningKey,
  ) {
    this.tokensByClientId = new LRUCache({ max: limits.tokens });
    this.clientIdById = new LRUCache({ max: limits.tokens });
    this.unknownClientIds = new LRUCache({ max: limits.negativeTokens });
    this.appsByHost = new LRUCache({ max: limits.hosts });
    this.appsByAud = new LRUCache({ max: limits.hosts });
  }

  /** A NOTIFY payload from the change feed. */
  change(payload: string): void {
    const [kind, id, clientId] = payload.split(":");
    if (kind === "t") {
      this.clientIdById.delete(id);
      this.markDirty((key) => key === `i:${id}` || key === `c:${clientId}`);
      if (clientId) {
        this.tokensByClientId.delete(clientId);
        this.unknownClientIds.delete(clientId);
      }
    } else if (kind === "k") {
      this.keyRing = null;
      this.markDirty((key) => key === "keys");
    } else {
      this.appsByHost.clear();
      this.appsByAud.clear();
      this.markDirty((key) => key.startsWith("h:") || key.startsWith("u:"));
    }
  }

  reset(): void {
    this.markDirty(() => true);
    this.tokensByClientId.clear();
    this.clientIdById.clear();
    this.unknownClientIds.clear();
    this.appsByHost.clear();
    this.appsByAud.clear();
    this.keyRing = null;
  }

  private markDirty(matches: (key: string) => boolean): void {
    for (const [key, load] of this.pending) if (matches(key)) load.dirty = true;
  }

  /** Sizes, for the memory benchmark and metrics. */
  sizes() {
    return { tokens: this.tokensByClientId.size, unknown: this.unknownClientIds.size, hosts: this.appsByHost.size };
  }

  /**
   * One load per key at a time (concurrent misses share it, unless a change arrived meanwhile);
   * the result is cached only if no change notification for the key arrived while it ran.
   */
  private async load<T>(key: string, fetch: () => Promise<T>, keep: (value: T) => void): Promise<T> {
    const running = this.pending.get(key);
    if (running && !running.dirty) return running.promise as Promise<T>;
    const entry: PendingLoad = { promise: Promise.resolve(), dirty: false };
    const promise = fetch().then((value) => {
      if (!entry.dirty && this.isFresh()) keep(value);
      return value;
    });
    entry.promise = promise;
    this.pending.set(key, entry);
    try {
      return await promise;
    } finally {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    }
  }

  // Synchronous reads of the caches: undefined when the answer is not cached (or the caches may
  // not be used now). The validator answers from these alone when it can, without a promise.

  peekAppsForHost(host: string): AppRecord[] | undefined {
    return this.isFresh() ? this.appsByHost.get(host)?.value : undefined;
  }

  peekAppByAud(aud: string): AppRecord | null | undefined {
    return this.isFresh() ? this.appsByAud.get(aud)?.value : undefined;
  }

  peekToken(clientId: string): TokenRecord | null | undefined {
    if (!this.isFresh()) return undefined;
    const hit = this.tokensByClientId.get(clientId);
    if (hit) return hit;
    return this.unknownClientIds.has(clientId) ? null : undefined;
  }

  peekTokenById(id: string): TokenRecord | undefined {
    if (!this.isFresh()) return undefined;
    const clientId = this.clientIdById.get(id);
    const hit = clientId === undefined ? undefined : this.tokensByClientId.get(clientId);
    return hit && hit.id === id ? hit : undefined;
  }

  peekKeys(): KeyRing | undefined {
    return this.isFresh() && this.keyRing ? this.keyRing : undefined;
  }

  async appsForHost(host: string): Promise<AppRecord[]> {
    return (
      this.peekAppsForHost(host) ??
      this.load(
        `h:${host}`,
        async () => (await loadAppsByHost(host)).map(toAppRecord),
        (apps) => this.appsByHost.set(host, { value: apps }),
      )
    );
  }

  async appByAud(aud: string): Promise<AppRecord | null> {
    const hit = this.peekAppByAud(aud);
    if (hit !== undefined) return hit;
    return this.load(
      `u:${aud}`,
      async () => {
        const row = await loadAppByAud(aud);
        return row ? toAppRecord(row) : null;
      },
      (app) => this.appsByAud.set(aud, { value: app }),
    );
  }

  async tokenByClientId(clientId: string): Promise<TokenRecord | null> {
    const hit = this.peekToken(clientId);
    if (hit !== undefined) return hit;
    return this.load(
      `c:${clientId}`,
      async () => {
        const row = await loadToken({ clientId });
        return row ? toTokenRecord(row) : null;
      },
      (token) => this.keepToken(clientId, token),
    );
  }

  async tokenById(id: string): Promise<TokenRecord | null> {
    const hit = this.peekTokenById(id);
    if (hit !== undefined) return hit;
    return this.load(
      `i:${id}`,
      async () => {
        const row = await loadToken({ id });
        return row ? toTokenRecord(row) : null;
      },
      (token) => {
        if (token) this.keepToken(token.clientId, token);
      },
    );
  }

  private keepToken(clientId: string, token: TokenRecord | null): void {
    if (token === null) {
      this.unknownClientIds.set(clientId, true);
      return;
    }
    this.tokensByClientId.set(clientId, token);
    this.clientIdById.set(token.id, clientId);
  }

  async keys(): Promise<KeyRing> {
    return (
      this.peekKeys() ??
      this.load(
        "keys",
        () => loadSigningKeys() as Promise<KeyRing>,
        (ring) => {
          this.keyRing = ring;
        },
      )
    );
  }

  /** The account's signing key, creating the first one if the account has none yet. */
  async signingKey(accountId: string): Promise<{ kid: string; privateKey: import("node:crypto").KeyObject }> {
    const found = (await this.keys()).signing.get(accountId);
    if (found) return found;
    await this.ensureKey(accountId);
    this.keyRing = null;
    const created = (await loadSigningKeys()).signing.get(accountId);
    if (!created) throw new Error("no signing key after creating one");
    return created;
  }
}
