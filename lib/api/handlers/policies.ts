import "server-only";
import { policyToApi } from "../../access/api-shape";
import { createPolicy, deletePolicy, getPolicy, listPolicies, replacePolicy } from "../../access/policies";
import type { PolicyInput } from "../../access/schemas";
import { pageInfo, parsePageRequest, textFilterParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// Reusable Access policies (README › REST API): parse the wire input, call the domain, shape the wire output.
// lib/access/policies.ts validates the body (policyInputSchema, strict rule objects) and owns the
// database and the audit log.

/** The body as the domain takes it: its schema decides what the fields mean. */
const policyBody = (ctx: ApiContext) => ctx.json() as PolicyInput;

// GET /client/v4/accounts/:account_id/access/policies
export async function listPoliciesRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = parsePageRequest(ctx.query);
  const search = textFilterParam(ctx.query, "search");
  const { items, total } = await listPolicies(ctx.actor, {
    page: page.page,
    perPage: page.perPage,
    ...(search === undefined ? {} : { search }),
  });
  return { result: items.map(policyToApi), resultInfo: pageInfo(page, items.length, total) };
}

// POST /client/v4/accounts/:account_id/access/policies
export async function createPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { status: 201, result: policyToApi(await createPolicy(ctx.actor, policyBody(ctx))) };
}

// GET /client/v4/accounts/:account_id/access/policies/:policy_id
export async function getPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: policyToApi(await getPolicy(ctx.actor, ctx.params.policy_id)) };
}

// PUT /client/v4/accounts/:account_id/access/policies/:policy_id
// Replaces the whole policy: omitted require/exclude become [], an omitted session_duration null.
export async function replacePolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: policyToApi(await replacePolicy(ctx.actor, ctx.params.policy_id, policyBody(ctx))) };
}

// DELETE /client/v4/accounts/:account_id/access/policies/:policy_id
// The id only, as Cloudflare answers (the SDK's PolicyDeleteResponse); 409 while attached to an app.
export async function deletePolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  const deleted = await deletePolicy(ctx.actor, ctx.params.policy_id);
  return { result: { id: deleted.id } };
}
