import { z } from "zod";
import { parseCidr } from "../net/ip";
import { hostProblem } from "./domain";

// The rule objects of a reusable policy, exactly as Cloudflare writes them:
//   {"service_token":{"token_id":"<uuid>"}}   {"any_valid_service_token":{}}   {"everyone":{}}
//   {"ip":{"ip":"192.0.2.0/24"}}   {"email":{"email":"a@example.com"}}   {"email_domain":{"domain":"example.com"}}
// Pure (no node:*, no Prisma) so that the dashboard's forms can use the same schemas.

export const RULE_TYPES = ["service_token", "any_valid_service_token", "ip", "everyone", "email", "email_domain"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** The dashboard's names for the rule selectors (Cloudflare's wording). */
export const RULE_TYPE_LABELS: Record<RuleType, string> = {
  service_token: "Service Token",
  any_valid_service_token: "Any Access Service Token",
  ip: "IP ranges",
  everyone: "Everyone",
  email: "Emails",
  email_domain: "Emails ending in",
};

export type Rule =
  | { service_token: { token_id: string } }
  | { any_valid_service_token: Record<string, never> }
  | { ip: { ip: string } }
  | { everyone: Record<string, never> }
  | { email: { email: string } }
  | { email_domain: { domain: string } };

export const MAX_RULES_PER_LIST = 200;

// ---- Rule schemas -----------------------------------------------------------------------------

const emptyBody = z.strictObject({}, { error: "must be an empty object {}" });

const RULE_BODIES = {
  service_token: z.strictObject(
    {
      token_id: z
        .string({ error: "must be the id of a service token" })
        .trim()
        .toLowerCase()
        .pipe(z.uuid({ error: "must be the id (UUID) of a service token" })),
    },
    { error: 'must be an object such as {"token_id":"<service token id>"}' },
  ),
  any_valid_service_token: emptyBody,
  ip: z.strictObject(
    {
      ip: z
        .string({ error: "must be a CIDR range such as 192.0.2.0/24" })
        .trim()
        .superRefine((value, ctx) => {
          if (!parseCidr(value)) ctx.addIssue({ code: "custom", message: "must be an IP address or CIDR range such as 192.0.2.0/24 or 2001:db8::/32" });
        }),
    },
    { error: 'must be an object such as {"ip":"192.0.2.0/24"}' },
  ),
  everyone: emptyBody,
  email: z.strictObject(
    { email: z.string({ error: "must be an email address" }).trim().toLowerCase().max(320).pipe(z.email({ error: "must be an email address" })) },
    { error: 'must be an object such as {"email":"someone@example.com"}' },
  ),
  email_domain: z.strictObject(
    {
      domain: z
        .string({ error: "must be a domain name" })
        .trim()
        .toLowerCase()
        .superRefine((value, ctx) => {
          const problem = hostProblem(value);
          if (problem) ctx.addIssue({ code: "custom", message: `must be a domain name such as example.com (${problem})` });
        }),
    },
    { error: 'must be an object such as {"domain":"example.com"}' },
  ),
} satisfies Record<RuleType, z.ZodType>;

function isRuleType(key: string): key is RuleType {
  return (RULE_TYPES as readonly string[]).includes(key);
}

/**
 * One rule: an object with exactly one known key. Errors carry the path inside the rule
 * (`ip.ip: must be ...`), so a policy's error reads `include.0.ip.ip: must be ...`.
 */
export const ruleSchema: z.ZodType<Rule, unknown> = z.unknown().transform((value, ctx): Rule => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: 'must be a rule object such as {"everyone":{}}' });
    return z.NEVER;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    ctx.addIssue({ code: "custom", message: `must have exactly one rule type (one of ${RULE_TYPES.join(", ")})` });
    return z.NEVER;
  }
  const type = keys[0];
  if (!isRuleType(type)) {
    ctx.addIssue({ code: "custom", message: `unknown rule type "${type.slice(0, 64)}"` });
    return z.NEVER;
  }
  const body = RULE_BODIES[type].safeParse((value as Record<string, unknown>)[type]);
  if (!body.success) {
    for (const issue of body.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: [type, ...issue.path] });
    }
    return z.NEVER;
  }
  return { [type]: body.data } as Rule;
});

export function ruleListSchema(opts: { atLeastOne: boolean }) {
  const list = z.array(ruleSchema, { error: "must be an array of rules" }).max(MAX_RULES_PER_LIST, `must have at most ${MAX_RULES_PER_LIST} rules`);
  return opts.atLeastOne ? list.min(1, "must contain at least one rule") : list;
}

export function ruleType(rule: Rule): RuleType {
  return Object.keys(rule)[0] as RuleType;
}

export type RuleListName = "include" | "require" | "exclude";

/** Every service-token reference in a policy's rule lists, with the field path that holds it. */
export function serviceTokenReferences(lists: Record<RuleListName, readonly Rule[]>): { tokenId: string; path: string }[] {
  const refs: { tokenId: string; path: string }[] = [];
  for (const name of ["include", "require", "exclude"] as const) {
    lists[name].forEach((rule, i) => {
      if ("service_token" in rule) refs.push({ tokenId: rule.service_token.token_id, path: `${name}.${i}.service_token.token_id` });
    });
  }
  return refs;
}

/**
 * A policy's rule lists once the service token `tokenId` is gone, or null when no rule names it.
 * Include and exclude lose the rules naming it: the token cannot authenticate any more, so nothing
 * changes for anyone else. A require rule naming it could only ever be met by that token, so the
 * policy can match nothing from now on; dropping that rule alone would widen the policy to every
 * token its other rules let in, so the include is emptied as well, and an empty include matches
 * nothing (lib/access/validation/evaluate.ts).
 */
export function withoutServiceToken(lists: Record<RuleListName, readonly Rule[]>, tokenId: string): Record<RuleListName, Rule[]> | null {
  const names = (rule: Rule) => "service_token" in rule && rule.service_token.token_id === tokenId;
  if (!lists.include.some(names) && !lists.require.some(names) && !lists.exclude.some(names)) return null;
  const keep = (rules: readonly Rule[]) => rules.filter((rule) => !names(rule));
  return {
    include: lists.require.some(names) ? [] : keep(lists.include),
    require: keep(lists.require),
    exclude: keep(lists.exclude),
  };
}
