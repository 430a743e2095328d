import type { Capability } from "../auth/permissions";
import { listAccessRequestsRoute } from "./handlers/access-logs";
import { listAccountsRoute } from "./handlers/accounts";
import {
  availableAlertsRoute,
  createAlertPolicyRoute,
  createWebhookRoute,
  deleteAlertPolicyRoute,
  deleteWebhookRoute,
  getAlertPolicyRoute,
  getWebhookRoute,
  listAlertHistoryRoute,
  listAlertPoliciesRoute,
  listWebhooksRoute,
  updateAlertPolicyRoute,
  updateWebhookRoute,
} from "./handlers/alerting";
import { createAppRoute, deleteAppRoute, getAppRoute, listAppsRoute, replaceAppRoute, revokeAppTokensRoute } from "./handlers/apps";
import { getKeySettingsRoute, rotateKeysRoute, updateKeySettingsRoute } from "./handlers/keys";
import { createPolicyRoute, deletePolicyRoute, getPolicyRoute, listPoliciesRoute, replacePolicyRoute } from "./handlers/policies";
import {
  createServiceTokenRoute,
  deleteServiceTokenRoute,
  getServiceTokenRoute,
  listServiceTokensRoute,
  refreshServiceTokenRoute,
  rotateServiceTokenRoute,
  updateServiceTokenRoute,
} from "./handlers/service-tokens";
import { verifyTokenRoute } from "./handlers/user-tokens";
import type { ApiHandler } from "./with-api-token";

// THE route table of /client/v4. The router answers 404 (7003) for a path matching no pattern and
// 405 (10405) for a known path with another method; tests/api generate their authorisation matrix
// from this list, so a route added here is tested without further work.
//
// Patterns are relative to /client/v4; `:name` matches one path segment. A route whose pattern has
// `:account_id` is refused (403) unless the segment is the API token's own account.
// `permission: null` means any valid API token may call it. Object ids are named after the object
// (`:app_id`, `:policy_id`, `:alert_policy_id`, `:webhook_id`; service tokens keep `:id`): an unknown
// or malformed one is a 404 12135.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Route {
  method: HttpMethod;
  pattern: string;
  permission: Capability | null;
  handler: ApiHandler;
}

const SERVICE_TOKENS = "/accounts/:account_id/access/service_tokens";
const APPS = "/accounts/:account_id/access/apps";
const POLICIES = "/accounts/:account_id/access/policies";
const KEYS = "/accounts/:account_id/access/keys";
const ACCESS_REQUESTS = "/accounts/:account_id/access/logs/access_requests";
const ALERT_POLICIES = "/accounts/:account_id/alerting/v3/policies";
const WEBHOOKS = "/accounts/:account_id/alerting/v3/destinations/webhooks";

export const routes: readonly Route[] = [
  { method: "GET", pattern: "/user/tokens/verify", permission: null, handler: verifyTokenRoute },
  { method: "GET", pattern: "/accounts", permission: null, handler: listAccountsRoute },

  { method: "GET", pattern: SERVICE_TOKENS, permission: "service_tokens:read", handler: listServiceTokensRoute },
  { method: "POST", pattern: SERVICE_TOKENS, permission: "service_tokens:write", handler: createServiceTokenRoute },
  { method: "GET", pattern: `${SERVICE_TOKENS}/:id`, permission: "service_tokens:read", handler: getServiceTokenRoute },
  { method: "PUT", pattern: `${SERVICE_TOKENS}/:id`, permission: "service_tokens:write", handler: updateServiceTokenRoute },
  { method: "DELETE", pattern: `${SERVICE_TOKENS}/:id`, permission: "service_tokens:write", handler: deleteServiceTokenRoute },
  { method: "POST", pattern: `${SERVICE_TOKENS}/:id/refresh`, permission: "service_tokens:write", handler: refreshServiceTokenRoute },
  { method: "POST", pattern: `${SERVICE_TOKENS}/:id/rotate`, permission: "service_tokens:write", handler: rotateServiceTokenRoute },

  { method: "GET", pattern: APPS, permission: "apps:read", handler: listAppsRoute },
  { method: "POST", pattern: APPS, permission: "apps:write", handler: createAppRoute },
  { method: "GET", pattern: `${APPS}/:app_id`, permission: "apps:read", handler: getAppRoute },
  { method: "PUT", pattern: `${APPS}/:app_id`, permission: "apps:write", handler: replaceAppRoute },
  { method: "DELETE", pattern: `${APPS}/:app_id`, permission: "apps:write", handler: deleteAppRoute },
  { method: "POST", pattern: `${APPS}/:app_id/revoke_tokens`, permission: "apps:write", handler: revokeAppTokensRoute },

  { method: "GET", pattern: POLICIES, permission: "apps:read", handler: listPoliciesRoute },
  { method: "POST", pattern: POLICIES, permission: "apps:write", handler: createPolicyRoute },
  { method: "GET", pattern: `${POLICIES}/:policy_id`, permission: "apps:read", handler: getPolicyRoute },
  { method: "PUT", pattern: `${POLICIES}/:policy_id`, permission: "apps:write", handler: replacePolicyRoute },
  { method: "DELETE", pattern: `${POLICIES}/:policy_id`, permission: "apps:write", handler: deletePolicyRoute },

  // The signing-key schedule is part of "Access: Apps and Policies", as at Cloudflare.
  { method: "GET", pattern: KEYS, permission: "apps:read", handler: getKeySettingsRoute },
  { method: "PUT", pattern: KEYS, permission: "apps:write", handler: updateKeySettingsRoute },
  { method: "POST", pattern: `${KEYS}/rotate`, permission: "apps:write", handler: rotateKeysRoute },

  { method: "GET", pattern: ACCESS_REQUESTS, permission: "audit:read", handler: listAccessRequestsRoute },

  { method: "GET", pattern: ALERT_POLICIES, permission: "notifications:read", handler: listAlertPoliciesRoute },
  { method: "POST", pattern: ALERT_POLICIES, permission: "notifications:write", handler: createAlertPolicyRoute },
  { method: "GET", pattern: `${ALERT_POLICIES}/:alert_policy_id`, permission: "notifications:read", handler: getAlertPolicyRoute },
  { method: "PUT", pattern: `${ALERT_POLICIES}/:alert_policy_id`, permission: "notifications:write", handler: updateAlertPolicyRoute },
  { method: "DELETE", pattern: `${ALERT_POLICIES}/:alert_policy_id`, permission: "notifications:write", handler: deleteAlertPolicyRoute },
  { method: "GET", pattern: WEBHOOKS, permission: "notifications:read", handler: listWebhooksRoute },
  { method: "POST", pattern: WEBHOOKS, permission: "notifications:write", handler: createWebhookRoute },
  { method: "GET", pattern: `${WEBHOOKS}/:webhook_id`, permission: "notifications:read", handler: getWebhookRoute },
  { method: "PUT", pattern: `${WEBHOOKS}/:webhook_id`, permission: "notifications:write", handler: updateWebhookRoute },
  { method: "DELETE", pattern: `${WEBHOOKS}/:webhook_id`, permission: "notifications:write", handler: deleteWebhookRoute },
  { method: "GET", pattern: "/accounts/:account_id/alerting/v3/history", permission: "notifications:read", handler: listAlertHistoryRoute },
  { method: "GET", pattern: "/accounts/:account_id/alerting/v3/available_alerts", permission: "notifications:read", handler: availableAlertsRoute },
];
