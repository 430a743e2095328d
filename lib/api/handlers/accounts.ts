import "server-only";
import { getAccount, type AccountView } from "../../accounts/service";
import { rfc3339 } from "../timestamps";
import { pageInfo, parsePageRequest, textFilterParam } from "../pagination";
import type { ApiContext, ApiResult } from "../with-api-token";

// An API token belongs to exactly one account: the list is that account, in Cloudflare's shape.

function toAccountWire(a: AccountView) {
  return { id: a.id, name: a.name, type: "standard" as const, settings: {}, created_on: rfc3339(a.createdAt) };
}

// GET /client/v4/accounts
export async function listAccountsRoute(ctx: ApiContext): Promise<ApiResult> {
  const page = parsePageRequest(ctx.query, 20);
  // `name` filters as Cloudflare's does (a case-insensitive part of the name); direction/order are moot for one row.
  const name = textFilterParam(ctx.query, "name")?.toLowerCase();
  const account = await getAccount(ctx.actor.accountId);
  const all = account && (name === undefined || account.name.toLowerCase().includes(name)) ? [account] : [];
  const items = all.slice((page.page - 1) * page.perPage, page.page * page.perPage);
  return { result: items.map(toAccountWire), resultInfo: pageInfo(page, items.length, all.length) };
}
