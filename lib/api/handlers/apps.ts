import "server-only";
import { appToApi } from "../../access/api-shape";
import { createApp, deleteApp, getApp, listApps, replaceApp, revokeAppTokens } from "../../access/apps";
import type { AppInput } from "../../access/schemas";
import { invalid } from "../../errors";
import { pageInfo, parsePageRequest, queryParam, textFilterParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// Access applications (README › REST API): parse the wire input, call the domain, shape the wire output.
// lib/access/apps.ts validates the body (appInputSchema) and owns the database and the audit log.

// Cloudflare's exact-match filters of the list. The domain searches by substring only, and
// ignoring a filter would answer with every application, which a script might then act on.
const UNSUPPORTED_FILTERS = ["name", "domain", "aud", "exact", "target_attributes"] as const;

/** The body as the domain takes it: its schema decides what the fields mean. */
const appBody = (ctx: ApiContext) => ctx.json() as AppInput;

// GET /client/v4/accounts/:account_id/access/apps
export async function listAppsRoute(ctx: ApiContext): Promise<ApiResult> {
  for (const name of UNSUPPORTED_FILTERS) {
    if (queryParam(ctx.query, name) !== undefined) throw invalid(name, "is not supported as a filter; use search (a part of the name or domain)");
  }
  const page = parsePageRequest(ctx.query);
  const search = textFilterParam(ctx.query, "search");
  const { items, total } = await listApps(ctx.actor, {
    page: page.page,
    perPage: page.perPage,
    ...(search === undefined ? {} : { search }),
  });
  return { result: items.map(appToApi), resultInfo: pageInfo(page, items.length, total) };
}

// POST /client/v4/accounts/:account_id/access/apps
export async function createAppRoute(ctx: ApiContext): Promise<ApiResult> {
  return { status: 201, result: appToApi(await createApp(ctx.actor, appBody(ctx))) };
}

// GET /client/v4/accounts/:account_id/access/apps/:app_id
export async function getAppRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: appToApi(await getApp(ctx.actor, ctx.params.app_id)) };
}

// PUT /client/v4/accounts/:account_id/access/apps/:app_id
// Replaces the whole application (omitted fields take their defaults); `aud` never changes.
export async function replaceAppRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: appToApi(await replaceApp(ctx.actor, ctx.params.app_id, appBody(ctx))) };
}

// DELETE /client/v4/accounts/:account_id/access/apps/:app_id
// Cloudflare answers with the id only (the SDK's ApplicationDeleteResponse).
export async function deleteAppRoute(ctx: ApiContext): Promise<ApiResult> {
  const deleted = await deleteApp(ctx.actor, ctx.params.app_id);
  return { result: { id: deleted.id } };
}

// POST /client/v4/accounts/:account_id/access/apps/:app_id/revoke_tokens
// 202 with `result: null`, as Cloudflare answers; the SDK sends no body and any body is ignored.
export async function revokeAppTokensRoute(ctx: ApiContext): Promise<ApiResult> {
  await revokeAppTokens(ctx.actor, ctx.params.app_id);
  return { status: 202, result: null };
}
