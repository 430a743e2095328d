import "server-only";
import { alertPolicyToApi, availableAlerts, historyToApi, webhookToApi } from "../../alerts/api-shape";
import {
  createWebhookDestination,
  deleteWebhookDestination,
  getWebhookDestination,
  listWebhookDestinations,
  updateWebhookDestination,
} from "../../alerts/destinations";
import { listAlertHistory } from "../../alerts/history";
import { createAlertPolicy, deleteAlertPolicy, getAlertPolicy, listAlertPolicies, updateAlertPolicy } from "../../alerts/policies";
import type { CreateAlertPolicyInput, DeliveryStatus, MechanismType, UpdateAlertPolicyInput, WebhookInput } from "../../alerts/schemas";
import { MAX_PER_PAGE, pageInfo, parsePageRequest, queryParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// Notifications (README › REST API): alert policies, webhook destinations, the delivery history and
// the available alert types, in Cloudflare's alerting v3 shapes. The bodies go to the domain as
// they are: lib/alerts/schemas.ts decides what they mean and names the field in a 400.

// The SDK reads policies and destinations as one page (SinglePage): up to 1000 unless asked for less.
const listPage = (ctx: ApiContext) => parsePageRequest(ctx.query, MAX_PER_PAGE);

// GET /client/v4/accounts/:account_id/alerting/v3/policies
export async function listAlertPoliciesRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = listPage(ctx);
  const { items, total } = await listAlertPolicies(ctx.actor, { page: page.page, perPage: page.perPage });
  return { result: items.map(alertPolicyToApi), resultInfo: pageInfo(page, items.length, total) };
}

// POST /client/v4/accounts/:account_id/alerting/v3/policies
// The whole policy answers (Cloudflare answers {id}, which it contains).
export async function createAlertPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { status: 201, result: alertPolicyToApi(await createAlertPolicy(ctx.actor, ctx.json() as CreateAlertPolicyInput)) };
}

// GET /client/v4/accounts/:account_id/alerting/v3/policies/:alert_policy_id
export async function getAlertPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: alertPolicyToApi(await getAlertPolicy(ctx.actor, ctx.params.alert_policy_id)) };
}

// PUT /client/v4/accounts/:account_id/alerting/v3/policies/:alert_policy_id
// The fields given replace the stored ones, the others stay (the SDK's update has every field optional).
export async function updateAlertPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: alertPolicyToApi(await updateAlertPolicy(ctx.actor, ctx.params.alert_policy_id, ctx.json() as UpdateAlertPolicyInput)) };
}

// DELETE /client/v4/accounts/:account_id/alerting/v3/policies/:alert_policy_id
export async function deleteAlertPolicyRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: { id: (await deleteAlertPolicy(ctx.actor, ctx.params.alert_policy_id)).id } };
}

// GET /client/v4/accounts/:account_id/alerting/v3/destinations/webhooks
export async function listWebhooksRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = listPage(ctx);
  const { items, total } = await listWebhookDestinations(ctx.actor, { page: page.page, perPage: page.perPage });
  return { result: items.map(webhookToApi), resultInfo: pageInfo(page, items.length, total) };
}

// POST /client/v4/accounts/:account_id/alerting/v3/destinations/webhooks
export async function createWebhookRoute(ctx: ApiContext): Promise<ApiResult> {
  return { status: 201, result: webhookToApi(await createWebhookDestination(ctx.actor, ctx.json() as WebhookInput)) };
}

// GET /client/v4/accounts/:account_id/alerting/v3/destinations/webhooks/:webhook_id
export async function getWebhookRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: webhookToApi(await getWebhookDestination(ctx.actor, ctx.params.webhook_id)) };
}

// PUT /client/v4/accounts/:account_id/alerting/v3/destinations/webhooks/:webhook_id
// name and url are required, as in the SDK; an omitted secret keeps the stored one.
export async function updateWebhookRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: webhookToApi(await updateWebhookDestination(ctx.actor, ctx.params.webhook_id, ctx.json() as WebhookInput)) };
}

// DELETE /client/v4/accounts/:account_id/alerting/v3/destinations/webhooks/:webhook_id
// 409 while an alert policy sends to it.
export async function deleteWebhookRoute(ctx: ApiContext): Promise<ApiResult> {
  return { result: { id: (await deleteWebhookDestination(ctx.actor, ctx.params.webhook_id)).id } };
}

/**
 * GET /client/v4/accounts/:account_id/alerting/v3/history
 *
 * Newest first; `since` (inclusive) and `before` (exclusive), RFC 3339; `page`, `per_page` (25 by
 * default). Gatepost's filters too: `policy_id`, `mechanism_type` (email, webhook), `status`.
 */
export async function listAlertHistoryRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = parsePageRequest(ctx.query, 25);
  const since = queryParam(ctx.query, "since");
  const before = queryParam(ctx.query, "before");
  const policyId = queryParam(ctx.query, "policy_id");
  const mechanismType = queryParam(ctx.query, "mechanism_type");
  const status = queryParam(ctx.query, "status");
  const { items, total } = await listAlertHistory(ctx.actor, {
    page: page.page,
    perPage: page.perPage,
    ...(since === undefined ? {} : { since }),
    ...(before === undefined ? {} : { before }),
    ...(policyId === undefined ? {} : { policy_id: policyId }),
    ...(mechanismType === undefined ? {} : { mechanism_type: mechanismType as MechanismType }),
    ...(status === undefined ? {} : { status: status as DeliveryStatus }),
  });
  return { result: items.map(historyToApi), resultInfo: pageInfo(page, items.length, total) };
}

// GET /client/v4/accounts/:account_id/alerting/v3/available_alerts
// The same for every account: the route's permission (Notifications Read) is the only check.
export async function availableAlertsRoute(): Promise<ApiResult> {
  return { result: availableAlerts() };
}
