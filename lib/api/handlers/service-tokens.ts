import "server-only";
import {
  createServiceTokenBodySchema,
  rotateServiceTokenBodySchema,
  SERVICE_TOKEN_WIRE_FIELDS,
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
  updateOrRotateServiceToken,
} from "../../service-tokens/service";
import { parseInput } from "../../input/parse";
import { withWireFieldNames } from "../errors";
import { pageInfo, parsePageRequest, textFilterParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// Service tokens (README › Service token semantics and REST API): parse the wire input, call the domain, shape the wire output.

/** A domain call whose refusals name the fields as the wire does. */
const inWireNames = <T>(work: () => Promise<T>) => withWireFieldNames(SERVICE_TOKEN_WIRE_FIELDS, work);

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
  const created = await createServiceToken(ctx.actor, {
    name: body.name,
    ...(body.duration == null ? {} : { duration: body.duration }),
    ...(body.enabled == null ? {} : { enabled: body.enabled }),
  });
  return { status: 201, result: toServiceTokenWithSecretWire(created.token, created.clientSecret), secret: true };
}

// GET /client/v4/accounts/:account_id/access/service_tokens/:id
export async function getServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await getServiceToken(ctx.actor, ctx.params.id)) };
}

/**
 * PUT /client/v4/accounts/:account_id/access/service_tokens/:id
 *
 * Each field changes only what differs from the stored token, so a GET result PUT back changes
 * nothing. One domain call, one transaction: a refusal (400, 409) changes nothing.
 * 1. name, enabled, duration (a different duration extends: max(expires_at, now) + duration);
 * 2. client_secret_version = stored + 1 rotates; the old secret then lasts until
 *    previous_client_secret_expires_at (absent: it stops at once), and the answer carries the new
 *    client_secret. A version below the stored one is a stale copy and changes nothing, and so is
 *    the stored one, unless a rotation made it after this request arrived: then this request lost
 *    the race to that rotation (409). A jump of more than one is refused;
 * 3. otherwise previous_client_secret_expires_at, when it differs from the stored one, moves the
 *    end of the running grace period (a time in the past ends it now).
 */
export async function updateServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  const body = parseInput(updateServiceTokenBodySchema, ctx.json());
  const changed = await inWireNames(() =>
    updateOrRotateServiceToken(ctx.actor, ctx.params.id, {
      ...(body.name == null ? {} : { name: body.name }),
      ...(body.enabled == null ? {} : { enabled: body.enabled }),
      ...(body.duration == null ? {} : { duration: body.duration }),
      ...(body.client_secret_version == null ? {} : { clientSecretVersion: body.client_secret_version }),
      ...(body.previous_client_secret_expires_at == null ? {} : { previousSecretExpiresAt: body.previous_client_secret_expires_at }),
      requestedAt: ctx.receivedAt,
    }),
  );
  if (changed.clientSecret !== null) return { result: toServiceTokenWithSecretWire(changed.token, changed.clientSecret), secret: true };
  return { result: toServiceTokenWire(changed.token) };
}

// POST /client/v4/accounts/:account_id/access/service_tokens/:id/refresh
export async function refreshServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await refreshServiceToken(ctx.actor, ctx.params.id)) };
}

// POST /client/v4/accounts/:account_id/access/service_tokens/:id/rotate
export async function rotateServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  const body = parseInput(rotateServiceTokenBodySchema, ctx.json());
  const graceEnd = body.previous_client_secret_expires_at ?? null;
  const rotated = await inWireNames(() =>
    rotateServiceTokenSecret(ctx.actor, ctx.params.id, graceEnd === null ? {} : { previousSecretExpiresAt: graceEnd }),
  );
  return { result: toServiceTokenWithSecretWire(rotated.token, rotated.clientSecret), secret: true };
}

// DELETE /client/v4/accounts/:account_id/access/service_tokens/:id
export async function deleteServiceTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: toServiceTokenWire(await deleteServiceToken(ctx.actor, ctx.params.id)) };
}
