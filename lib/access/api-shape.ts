import { rfc3339, rfc3339OrNull } from "../api/timestamps";
import type { AccountSettingsView } from "./account-settings";
import type { AccessLogView } from "./access-log";
import type { AccessAppView, AttachedPolicyView } from "./apps";
import type { KeySettingsView } from "./keys-settings";
import type { AccessPolicyView } from "./policies";

// The snake_case objects of the REST API (README › REST API) built from the domain views. Each function
// lists its fields explicitly, so nothing the view gains later leaks by accident. Pure.

export function policyToApi(p: AccessPolicyView) {
  return {
    id: p.id,
    name: p.name,
    decision: p.decision,
    include: p.include,
    require: p.require,
    exclude: p.exclude,
    session_duration: p.sessionDuration,
    app_count: p.appCount,
    created_at: rfc3339(p.createdAt),
    updated_at: rfc3339(p.updatedAt),
  };
}
export type PolicyApi = ReturnType<typeof policyToApi>;

export function attachedPolicyToApi(p: AttachedPolicyView) {
  return { ...policyToApi(p), precedence: p.precedence };
}

export function appToApi(a: AccessAppView) {
  return {
    id: a.id,
    aud: a.aud,
    name: a.name,
    domain: a.domain,
    type: a.type,
    session_duration: a.sessionDuration,
    read_service_tokens_from_header: a.readServiceTokensFromHeader,
    service_auth_401_redirect: a.serviceAuth401Redirect,
    policies: a.policies.map(attachedPolicyToApi),
    created_at: rfc3339(a.createdAt),
    updated_at: rfc3339(a.updatedAt),
  };
}
export type AppApi = ReturnType<typeof appToApi>;

export function keySettingsToApi(k: KeySettingsView) {
  return {
    key_rotation_interval_days: k.keyRotationIntervalDays,
    last_key_rotation_at: rfc3339OrNull(k.lastKeyRotationAt),
    days_until_next_rotation: k.daysUntilNextRotation,
  };
}

export function accountSettingsToApi(s: AccountSettingsView) {
  return { strict_service_token_auth: s.strictServiceTokenAuth };
}

export function accessLogToApi(l: AccessLogView) {
  return {
    created_at: rfc3339(l.createdAt),
    allowed: l.allowed,
    reason: l.reason,
    app_uid: l.appId,
    app_domain: l.appDomain,
    service_token_id: l.serviceTokenId,
    client_id: l.clientId,
    ip_address: l.ipAddress,
    user_agent: l.userAgent,
    ray_id: l.rayId,
    // Not in Cloudflare's rows: successful attempts are aggregated (README: Access log).
    count: l.count,
  };
}
