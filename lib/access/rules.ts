import { z } from "zod";
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

// ---- IP addresses and CIDR ranges -------------------------------------------------------------

export interface IpAddress {
  version: 4 | 6;
  bytes: number[];
}
export interface CidrRange extends IpAddress {
  bits: number;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let text = s;
  let tail: number[] = [];
  if (s.includes(".")) {
    // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
    const colon = s.lastIndexOf(":");
    const v4 = colon === -1 ? null : parseIpv4(s.slice(colon + 1));
    if (!v4) return null;
    tail = v4;
    text = s.slice(0, colon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const wanted = tail.length > 0 ? 6 : 8;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== wanted : given >= wanted) return null;
  const bytes: number[] = [];
  for (const g of [...head, ...Array<string>(wanted - given).fill("0"), ...rest]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return [...bytes, ...tail];
}

/** An IPv4 or IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) is reported as IPv4. */
export function parseIp(s: string): IpAddress | null {
  const v4 = parseIpv4(s);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIpv6(s);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { version: 4, bytes: v6.slice(12) } : { version: 6, bytes: v6 };
}

/** "192.0.2.0/24", "2001:db8::/32", or a bare address (a range of one). */
export function parseCidr(s: string): CidrRange | null {
  const [addr, bitsText, extra] = s.split("/");
  if (extra !== undefined) return null;
  const v4 = parseIpv4(addr);
  const v6 = v4 ? null : parseIpv6(addr);
  const ip: IpAddress | null = v4 ? { version: 4, bytes: v4 } : v6 ? { version: 6, bytes: v6 } : null;
  if (!ip) return null;
  const max = ip.bytes.length * 8;
  if (bitsText === undefined) return { ...ip, bits: max };
  if (!/^(?:0|[1-9]\d{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  return bits <= max ? { ...ip, bits } : null;
}

/** Whether `ip` lies in `range`. Addresses of the other family never match. */
export function cidrContains(range: CidrRange, ip: IpAddress): boolean {
  if (range.version !== ip.version) return false;
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((range.bytes[bit / 8] & mask) !== (ip.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

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
