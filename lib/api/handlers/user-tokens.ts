import "server-only";
import { rfc3339 } from "../timestamps";
import type { ApiContext, ApiResult } from "../with-api-token";

// GET /client/v4/user/tokens/verify
// Only a valid token gets this far (anything else is a 401), so the status is always "active".
// `expires_on` is left out for a token that never expires, as Cloudflare does.
export async function verifyTokenRoute(ctx: ApiContext): Promise<ApiResult> {
  return {
    result: {
      id: ctx.actor.tokenId,
      status: "active",
      ...(ctx.tokenExpiresAt === null ? {} : { expires_on: rfc3339(ctx.tokenExpiresAt) }),
    },
  };
}
