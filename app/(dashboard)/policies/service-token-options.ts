import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { listServiceTokens } from "@/lib/service-tokens/service";
import type { ServiceTokenOption, TokenNames } from "@/components/policies/types";

/** The rule builder offers the account's tokens by name; the service caps a page at 1000. */
const MAX_TOKEN_OPTIONS = 1000;

/** The account's service tokens for the rule builder and for naming them in rule summaries. */
export async function serviceTokenOptions(actor: Actor): Promise<{ options: ServiceTokenOption[]; names: TokenNames }> {
  const { items } = await listServiceTokens(actor, { perPage: MAX_TOKEN_OPTIONS, sort: "name", order: "asc" });
  const options = items.map(({ id, name, clientId }) => ({ id, name, clientId }));
  return { options, names: Object.fromEntries(options.map((t) => [t.id, t.name])) };
}
