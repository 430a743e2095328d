import type { PermissionGroup } from "@/lib/auth/permissions";
import { PERMISSION_GROUP_NAMES } from "@/lib/auth/permissions";
import { RevealValue } from "@/components/ui/one-time-reveal";

// The account ID, which every REST API path names (/client/v4/accounts/<account ID>/...), with a
// ready request for it: on Settings › General, and in an API token's one-time reveal with that
// token in it. Neither a client nor a server module: both render it.

/** A request each permission group allows, under the account. */
const EXAMPLE_PATHS: Record<PermissionGroup, string> = {
  "Access: Service Tokens Read": "access/service_tokens",
  "Access: Service Tokens Write": "access/service_tokens",
  "Access: Apps and Policies Read": "access/apps",
  "Access: Apps and Policies Write": "access/apps",
  "Notifications Read": "alerting/v3/policies",
  "Notifications Write": "alerting/v3/policies",
  "Access: Audit Logs Read": "access/logs/access_requests",
};

/**
 * `curl` for the account: its service tokens, or what the first of `permissions` can read.
 * `token` is the API token itself in a reveal, a shell variable elsewhere.
 */
export function accountCurl(opts: { publicUrl: string; accountId: string; token?: string; permissions?: readonly PermissionGroup[] }): string {
  const group = PERMISSION_GROUP_NAMES.find((g) => opts.permissions?.includes(g)) ?? "Access: Service Tokens Read";
  return `curl -H "Authorization: Bearer ${opts.token ?? "$API_TOKEN"}" ${opts.publicUrl}/client/v4/accounts/${opts.accountId}/${EXAMPLE_PATHS[group]}`;
}

/** The account ID and the request, each with its copy button. */
export function AccountIdValues(props: { publicUrl: string; accountId: string; token?: string; permissions?: readonly PermissionGroup[] }) {
  return (
    <>
      <RevealValue label="Account ID" value={props.accountId} copyLabel="Copy account ID" />
      {/* With the token in it, the curl line holds the secret: copying it counts as copying the token. */}
      <RevealValue label="Try it" value={accountCurl(props)} copyLabel="Copy curl command" multiline secret={props.token !== undefined} />
    </>
  );
}
