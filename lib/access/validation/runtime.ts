import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp } from "../../http/client-ip";
import { logger } from "../../logger";
import { validationSeconds } from "../../metrics/registry";
import type { CidrRange } from "../../net/ip";
import { ensureSigningKey, missingSigningKeys } from "../signing-keys";
import { AccessLogWriter } from "./access-log-writer";
import { ChangeFeed } from "./change-feed";
import { headerMap } from "./credentials";
import { FailureLimiter } from "./rate-limit";
import { AccessStore } from "./store";
import { failure, Validator, type Answer } from "./validator";

// /cdn-cgi/access/* served beside Next on the same port (server.ts routes here before Next sees
// the request: Next's router alone costs more than a whole validation). One instance per process:
// the change feed, the caches, the batched access log and the key-rotation timer.

export const ACCESS_PREFIX = "/cdn-cgi/access/";
const FAILURE_WINDOW_MS = 60_000;

export interface AccessRuntimeOptions {
  databaseUrl: string;
  /** The JWT issuer: PUBLIC_URL. */
  issuer: string;
  maxFailuresPerIp: number;
  maxFailuresPerClientId: number;
  /** Peers whose X-Forwarded-For names the client (TRUSTED_PROXIES). */
  trustedProxies: readonly CidrRange[];
  /**
   * Makes an account's first signing key. server.ts has its Next.js worker do it, so that this
   * process never runs a Prisma query; by default, here.
   */
  ensureSigningKey?: (accountId: string) => Promise<void>;
}

export class AccessRuntime {
  readonly feed: ChangeFeed;
  readonly store: AccessStore;
  readonly log = new AccessLogWriter();
  readonly validator: Validator;
  private readonly ensureSigningKey: (accountId: string) => Promise<void>;
  private lastOutageLog = 0;
  private readonly trustedProxies: readonly CidrRange[];

  constructor(options: AccessRuntimeOptions) {
    this.trustedProxies = options.trustedProxies;
    this.ensureSigningKey = options.ensureSigningKey ?? ensureSigningKey;
    this.store = new AccessStore(() => this.feed.isFresh(), undefined, this.ensureSigningKey);
    this.feed = new ChangeFeed(options.databaseUrl, { change: (p) => this.store.change(p), reset: () => this.store.reset() });
    this.validator = new Validator(
      this.store,
      this.log,
      {
        ip: new FailureLimiter({ max: options.maxFailuresPerIp, windowMs: FAILURE_WINDOW_MS }),
        clientId: new FailureLimiter({ max: options.maxFailuresPerClientId, windowMs: FAILURE_WINDOW_MS }),
      },
      { issuer: options.issuer, secureCookie: options.issuer.startsWith("https://") },
    );
  }

  /** A signing key for every account (so that the first validation does not wait for an RSA key), then the change feed and the log. */
  async start(): Promise<void> {
    for (const accountId of await missingSigningKeys()) await this.ensureSigningKey(accountId);
    await this.feed.start();
    this.log.start();
  }

  /** Writes the access log still pending and closes the change feed. */
  async stop(): Promise<void> {
    await this.log.stop();
    await this.feed.stop();
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    let answer: Answer | Promise<Answer>;
    try {
      answer = this.answer(req);
    } catch (err) {
      this.failClosed(res, err);
      return;
    }
    if (answer instanceof Promise) answer.then((a) => send(req, res, a, started), (err: unknown) => this.failClosed(res, err));
    else send(req, res, answer, started);
  }

  /**
   * The database is unreachable (or something else broke): fail closed. 503, not 401/403, so that
   * a client is not told its credentials are wrong; nginx auth_request turns it into a 500, which
   * the README shows how to map back to 503.
   */
  private failClosed(res: ServerResponse, err: unknown): void {
    const now = Date.now();
    if (now - this.lastOutageLog > 1000) {
      this.lastOutageLog = now;
      logger.error({ err: { message: err instanceof Error ? err.message : String(err) } }, "validation failed closed (503): database unreachable or internal error");
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const a = failure(503, "unavailable", { "retry-after": "1" });
    res.writeHead(a.status, { ...a.headers, "content-length": String(Buffer.byteLength(a.body)) }).end(a.body);
  }

  private answer(req: IncomingMessage): Answer | Promise<Answer> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? null : new URLSearchParams(url.slice(q + 1));
    // From rawHeaders: req.headers is built on first use, a second parse of every header.
    const headers = headerMap(req.rawHeaders);
    const endpoint = path.slice(ACCESS_PREFIX.length).replace(/\/+$/, "");
    if (endpoint === "validate") {
      const ip = clientIp(req.socket.remoteAddress, headers.get("x-forwarded-for"), this.trustedProxies);
      return this.validator.validate({ query, headers, clientIp: ip });
    }
    if (endpoint !== "certs" && endpoint !== "get-identity") return failure(404, "not_found");
    if (req.method !== "GET" && req.method !== "HEAD") return failure(405, "method_not_allowed", { allow: "GET, HEAD" });
    return endpoint === "certs" ? this.validator.certs(query, headers) : this.validator.identity(headers);
  }
}

/** With a Content-Length (not chunked), and no body for HEAD. Answers may be reused: set once. */
function send(req: IncomingMessage, res: ServerResponse, a: Answer, started: number): void {
  a.headers["content-length"] ??= String(Buffer.byteLength(a.body));
  res.writeHead(a.status, a.headers);
  res.end(req.method === "HEAD" ? undefined : a.body);
  validationSeconds.observe((performance.now() - started) / 1000);
}
