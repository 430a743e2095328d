import "server-only";
import { invalid } from "../../errors";
import {
  createServiceTokenBodySchema,
  rotateServiceTokenBodySchema,
  toServiceTokenWire,
  toServiceTokenWithSecretWire,
  updateServiceTokenBodySchema,
} from "../../service-tokens/api-shape";
import {
  createServiceToken,
  deleteServiceToken,
  getServiceToken,
  listServiceTokens,
  refreshServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateServiceToken,
  type ServiceTokenView,
} from "../../service-tokens/service";
import { parseInput } from "../../input/parse";
import { pageInfo, parsePageRequest, textFilterParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// Service tokens (README › Service token semantics and REST API): parse the wire input, call the domain, shape the wire output.

// GET /client/v4/accounts/:account_id/access/service_tokens
export async function listServiceTokensRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = parsePageRequest(ctx.query);
  const name = textFilterParam(ctx.query, "name");
  const search = textFilterParam(ctx.query, "search");
  const { items, total } = await listServiceTokens(ctx.actor, {
    page: page.page,
    perPage: page.perPage,
    ...(name === undefined ? {} : { name }),
    ...(search === undefined ? {} : { search }),
  });
  return { result: items.map(toServiceTokenWire), resultInfo: pageInfo(page, items.length, total) };
}

// POST /client/v4/accounts/:account_id/access/service_tokens
export async function createServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  const body = parseInput(createServiceTokenBodySchema, ctx.json());
  const created = await createServiceToken(ctx.actor, { name: body.name, ...(body.duration == null ? {} : { duration: body.duration }) });
  let token = created.token;
  // Creation has no `enabled`: disable right after. Nobody can use the token in between, since
  // nobody has its secret before this answer.
  if (body.enabled === false) token = await updateServiceToken(ctx.actor, token.id, { enabled: false });
  return { status: 201, result: toServiceTokenWithSecretWire(token, created.clientSecret), secret: true };
}

// GET /client/v4/accounts/:account_id/access/service_tokens/:id
export async function getServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await getServiceToken(ctx.actor, ctx.params.id)) };
}

/**
 * PUT /client/v4/accounts/:account_id/access/service_tokens/:id
 *
 * Each field changes only what differs from the stored token, so a GET result PUT back changes
 * nothing. Applied in this order, each step its own domain call (and audit entry):
 * 1. name, enabled, duration (a different duration extends: max(expires_at, now) + duration);
 * 2. client_secret_version = stored + 1 rotates; the old secret then lasts until
 *    previous_client_secret_expires_at (absent: it stops at once), and the answer carries the new
 *    client_secret. A version at or below the stored one is a stale copy and changes nothing; a jump
 *    of more than one is refused, since a rotation always counts up by exactly one;
 * 3. otherwise previous_client_secret_expires_at, when it differs from the stored one, moves the
 *    end of the running grace period (a time in the past ends it now).
 * Everything is validated before the first step, so a 400 changes nothing.
 */
export async function updateServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  const body = parseInput(updateServiceTokenBodySchema, ctx.json());
  const id = ctx.params.id;
  const stored = await getServiceToken(ctx.actor, id);
  const version = body.client_secret_version ?? null;
  if (version !== null && version > stored.clientSecretVersion + 1) {
    const v = stored.clientSecretVersion;
    throw invalid("client_secret_version", `must be ${v} (unchanged) or ${v + 1} (rotate the secret)`);
  }

  let token: ServiceTokenView = stored;
  const edit = {
    ...(body.name == null ? {} : { name: body.name }),
    ...(body.enabled == null ? {} : { enabled: body.enabled }),
    ...(body.duration == null ? {} : { duration: body.duration }),
  };
  if (Object.keys(edit).length > 0) token = await updateServiceToken(ctx.actor, id, edit);

  const graceEnd = body.previous_client_secret_expires_at ?? null;
  if (version === stored.clientSecretVersion + 1) {
    // Rotate only from the version this request saw: two concurrent bumps rotate once, the other is a 409.
    const expectedVersion = stored.clientSecretVersion;
    const rotated = await rotateServiceTokenSecret(
      ctx.actor,
      id,
      graceEnd === null ? { expectedVersion } : { expectedVersion, previousSecretExpiresAt: graceEnd },
    );
    return { result: toServiceTokenWithSecretWire(rotated.token, rotated.clientSecret), secret: true };
  }
  if (graceEnd !== null && graceEnd.getTime() !== token.previousSecretExpiresAt?.getTime()) {
    token = await setPreviousSecretExpiry(ctx.actor, id, graceEnd);
  }
  return { result: toServiceTokenWire(token) };
}

// POST /client/v4/accounts/:account_id/access/service_tokens/:id/refresh
export async function refreshServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await refreshServiceToken(ctx.actor, ctx.params.id)) };
}

// POST /client/v4/accounts/:account_id/access/service_tokens/:id/rotate
export async function rotateServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  const body = parseInput(rotateServiceTokenBodySchema, ctx.json());
  const graceEnd = body.previous_client_secret_expires_at ?? null;
  const rotated = await rotateServiceTokenSecret(ctx.actor, ctx.params.id, graceEnd === null ? {} : { previousSecretExpiresAt: graceEnd });
  return { result: toServiceTokenWithSecretWire(rotated.token, rotated.clientSecret), secret: true };
}

// DELETE /client/v4/accounts/:account_id/access/service_tokens/:id
export async function deleteServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await deleteServiceToken(ctx.actor, ctx.params.id)) };
}
