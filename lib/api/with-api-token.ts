import "server-only";
import { authenticateApiToken, type ApiTokenActor } from "../api-tokens/service";
import { countApiRequest } from "../api-tokens/rate-limit";
import { actorCan } from "../auth/actor";
import { getEnv } from "../env";
import type { Capability } from "../auth/permissions";
import { parseJsonObject, readBodyText } from "./body";
import type { ResultInfo } from "./envelope";
import { forbidden, missingAuthorization } from "./errors";

// The REST API's edge: identifies the caller from `Authorization: Bearer <token>` and hands the
// handler an Actor of kind "api_token", after checking the path's account and the permission.

export interface ApiContext {
  actor: ApiTokenActor;
  /** When the request arrived, before anything was read. */
  receivedAt: Date;
  /** When the API token itself expires (null: never). */
  tokenExpiresAt: Date | null;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The body as a JSON object (empty body: {}); a 400 when it is not one. */
  json(): Record<string, unknown>;
}

export interface ApiResult {
  result: unknown;
  status?: number;
  resultInfo?: ResultInfo;
  /** The result carries a secret: sent with Cache-Control: no-store. */
  secret?: boolean;
}

export type ApiHandler = (ctx: ApiContext) => Promise<ApiResult>;

/** null: any valid API token of the account may call the route (verify, accounts). */
export interface ApiAccess {
  permission: Capability | null;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The bearer value; a missing or empty header is 9106, any other scheme is an invalid token (9109). */
function bearerValue(request: Request): string {
  const header = request.headers.get("authorization")?.trim();
  if (!header) throw missingAuthorization();
  const m = /^bearer\s+(\S+)$/i.exec(header);
  // An unknown scheme or garbage is a token we cannot accept, not a missing one.
  return m ? m[1] : "";
}

/** What the router knows of a request before the handler runs, and learns while it runs. */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  receivedAt: Date;
  /** Set once the bearer token authenticates: its id, for the request log, refused or not. */
  apiTokenId: string | null;
}

export function withApiToken(handler: ApiHandler, access: ApiAccess) {
  return async (request: Request, req: ApiRequest): Promise<ApiResult> => {
    const { params, query, receivedAt } = req;
    const { actor, expiresAt } = await authenticateApiToken(bearerValue(request));
    req.apiTokenId = actor.tokenId;
    // Every authenticated request counts, refused ones included, as Cloudflare counts them.
    const env = getEnv();
    await countApiRequest(actor.tokenId, { limit: env.API_RATE_LIMIT, windowMs: env.apiRateLimitWindowMs });
    // A malformed account id can only differ from the token's: the same 403 as another account's.
    if (params.account_id !== undefined && params.account_id !== actor.accountId) throw forbidden();
    if (access.permission !== null && !actorCan(actor, access.permission)) throw forbidden();
    // Read (and size-check) before any handler parses, even for routes that ignore their body.
    const text = BODY_METHODS.has(request.method) ? await readBodyText(request) : "";
    let parsed: Record<string, unknown> | undefined;
    const json = () => (parsed ??= parseJsonObject(text));
    return handler({ actor, receivedAt, tokenExpiresAt: expiresAt, params, query, json });
  };
}
