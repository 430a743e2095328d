import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parseIp, type IpAddress } from "../../net/ip";
import type { Rule } from "../rules";
import type { PolicyDecision as SchemaPolicyDecision } from "../schemas";
import {
  __cidrCacheForTests,
  decideForServiceToken,
  findBypass,
  hasAllowPolicy,
  policyMatches,
  ruleMatches,
  type EvaluablePolicy,
  type PolicyDecision,
  type RequestFacts,
  type ServiceTokenDecision,
} from "./evaluate";
import {
  modelDecideForServiceToken,
  modelFindBypass,
  modelHasAllowPolicy,
  modelIpInCidr,
  modelPolicyMatches,
  modelRuleMatches,
} from "./evaluate.model";

const TOKEN_A = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const TOKEN_B = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TOKEN_C = "deadbeef-0000-4000-8000-000000000001";

function ip(text: string): IpAddress {
  const addr = parseIp(text);
  if (!addr) throw new Error(`bad test address ${text}`);
  return addr;
}

function facts(serviceTokenId: string | null, address: string | null = null): RequestFacts {
  return { serviceTokenId, ip: address === null ? null : ip(address) };
}

let nextId = 0;
function policy(decision: PolicyDecision, precedence: number, lists: Partial<Pick<EvaluablePolicy, "include" | "require" | "exclude">>): EvaluablePolicy {
  return { id: `p${++nextId}`, decision, precedence, include: [], require: [], exclude: [], sessionDuration: null, ...lists };
}

const everyone: Rule = { everyone: {} };
const anyToken: Rule = { any_valid_service_token: {} };
const token = (id: string): Rule => ({ service_token: { token_id: id } });
const ipRule = (cidr: string): Rule => ({ ip: { ip: cidr } });

describe("types", () => {
  it("PolicyDecision is the same union as the schemas' decisions", () => {
    expectTypeOf<PolicyDecision>().toEqualTypeOf<SchemaPolicyDecision>();
  });
});

describe("ruleMatches: each rule type", () => {
  it("service_token matches only its own token id", () => {
    expect(ruleMatches(token(TOKEN_A), facts(TOKEN_A))).toBe(true);
    expect(ruleMatches(token(TOKEN_A), facts(TOKEN_B))).toBe(false);
    expect(ruleMatches(token(TOKEN_A), facts(null))).toBe(false);
  });

  it("service_token compares ids case-insensitively", () => {
    expect(ruleMatches(token(TOKEN_A), facts(TOKEN_A.toUpperCase()))).toBe(true);
    expect(ruleMatches(token(TOKEN_A.toUpperCase()), facts(TOKEN_A))).toBe(true);
  });

  it("any_valid_service_token matches any authenticated token and not its absence", () => {
    expect(ruleMatches(anyToken, facts(TOKEN_C))).toBe(true);
    expect(ruleMatches(anyToken, facts(null, "10.0.0.1"))).toBe(false);
  });

  it("everyone matches even with no token and no address", () => {
    expect(ruleMatches(everyone, facts(null))).toBe(true);
  });

  it("email and email_domain never match (a service token has no email identity)", () => {
    expect(ruleMatches({ email: { email: "a@example.com" } }, facts(TOKEN_A, "10.0.0.1"))).toBe(false);
    expect(ruleMatches({ email_domain: { domain: "example.com" } }, facts(TOKEN_A, "10.0.0.1"))).toBe(false);
  });

  it("an unknown rule shape matches nothing", () => {
    expect(ruleMatches({ geo: { country_code: "US" } } as unknown as Rule, facts(TOKEN_A, "10.0.0.1"))).toBe(false);
  });
});

describe("ruleMatches: ip rules", () => {
  it.each<[string, string, boolean]>([
    ["192.0.2.0/24", "192.0.2.77", true],
    ["192.0.2.0/24", "192.0.3.1", false],
    ["10.1.2.3", "10.1.2.3", true],
    ["10.1.2.3", "10.1.2.4", false],
    ["10.1.2.128/25", "10.1.2.200", true],
    ["10.1.2.128/25", "10.1.2.127", false],
    ["10.1.2.3/24", "10.1.2.99", true], // host bits in the rule are ignored
    ["0.0.0.0/0", "203.0.113.9", true],
    ["2001:db8::/32", "2001:db8:ffff::1", true],
    ["2001:db8::/32", "2001:db9::1", false],
    ["2001:db8:0:1::/64", "2001:db8:0:1:abcd::1", true],
    ["::1", "::1", true],
    ["::/0", "fe80::1", true],
    [" 192.0.2.0/24 ", "192.0.2.1", true], // stored rules are trimmed; untrimmed ones still work
  ])("%s contains %s: %s", (cidr, address, expected) => {
    expect(ruleMatches(ipRule(cidr), facts(null, address))).toBe(expected);
  });

  it("an IPv4-mapped IPv6 client address matches an IPv4 range", () => {
    expect(ruleMatches(ipRule("192.0.2.0/24"), facts(null, "::ffff:192.0.2.7"))).toBe(true);
    expect(ruleMatches(ipRule("192.0.2.0/24"), facts(null, "::ffff:c000:0207"))).toBe(true);
  });

  it("addresses of the other family never match, not even the all-addresses range", () => {
    expect(ruleMatches(ipRule("0.0.0.0/0"), facts(null, "2001:db8::1"))).toBe(false);
    expect(ruleMatches(ipRule("::/0"), facts(null, "192.0.2.1"))).toBe(false);
    expect(ruleMatches(ipRule("::/0"), facts(null, "::ffff:192.0.2.1"))).toBe(false);
  });

  it("an unknown client address matches no ip rule", () => {
    expect(ruleMatches(ipRule("0.0.0.0/0"), facts(TOKEN_A, null))).toBe(false);
    expect(ruleMatches(ipRule("::/0"), facts(TOKEN_A, null))).toBe(false);
  });

  it.each(["10.0.0.0/33", "2001:db8::/129", "not-an-ip", "", "10.0.0.0/8/8", "300.1.1.1"])("an unparsable range %j matches nothing", (cidr) => {
    expect(ruleMatches(ipRule(cidr), facts(null, "10.0.0.1"))).toBe(false);
    expect(ruleMatches(ipRule(cidr), facts(null, "::1"))).toBe(false);
  });

  it("the memo of parsed ranges stays bounded and still answers correctly after filling", () => {
    __cidrCacheForTests.clear();
    for (let i = 0; i <= __cidrCacheForTests.max + 5; i++) {
      ruleMatches(ipRule(`10.${(i >> 8) & 255}.${i & 255}.0/24`), facts(null, "10.0.0.1"));
      ruleMatches(ipRule(`2001:db8:${i.toString(16)}::/48`), facts(null, "10.0.0.1"));
    }
    expect(__cidrCacheForTests.size()).toBeLessThanOrEqual(__cidrCacheForTests.max);
    expect(ruleMatches(ipRule("10.0.0.0/24"), facts(null, "10.0.0.1"))).toBe(true);
    expect(ruleMatches(ipRule("10.0.1.0/24"), facts(null, "10.0.0.1"))).toBe(false);
  });
});

describe("policyMatches: include, require, exclude", () => {
  const f = facts(TOKEN_A, "10.1.2.3");

  it("an empty include matches nothing, even with an empty require and exclude", () => {
    expect(policyMatches({ include: [], require: [], exclude: [] }, f)).toBe(false);
    expect(policyMatches({ include: [], require: [everyone], exclude: [] }, f)).toBe(false);
  });

  it("include needs only one matching rule", () => {
    expect(policyMatches({ include: [token(TOKEN_B), ipRule("10.0.0.0/8")], require: [], exclude: [] }, f)).toBe(true);
    expect(policyMatches({ include: [token(TOKEN_B), ipRule("192.0.2.0/24")], require: [], exclude: [] }, f)).toBe(false);
  });

  it("require needs every rule to match", () => {
    expect(policyMatches({ include: [everyone], require: [token(TOKEN_A), ipRule("10.1.0.0/16")], exclude: [] }, f)).toBe(true);
    expect(policyMatches({ include: [everyone], require: [token(TOKEN_A), ipRule("192.0.2.0/24")], exclude: [] }, f)).toBe(false);
  });

  it("an email rule in require makes the policy unmatchable by a service token", () => {
    expect(policyMatches({ include: [everyone], require: [{ email_domain: { domain: "example.com" } }], exclude: [] }, f)).toBe(false);
  });

  it("any matching exclude rule refuses the policy", () => {
    expect(policyMatches({ include: [everyone], require: [], exclude: [ipRule("192.0.2.0/24"), token(TOKEN_A)] }, f)).toBe(false);
    expect(policyMatches({ include: [everyone], require: [], exclude: [ipRule("192.0.2.0/24"), token(TOKEN_B)] }, f)).toBe(true);
  });

  it("an email rule in exclude excludes nobody", () => {
    expect(policyMatches({ include: [everyone], require: [], exclude: [{ email: { email: "a@example.com" } }] }, f)).toBe(true);
  });
});

describe("decideForServiceToken", () => {
  const f = facts(TOKEN_A, "10.1.2.3");

  it("a matching deny before a matching Service Auth refuses", () => {
    const deny = policy("deny", 1, { include: [ipRule("10.0.0.0/8")] });
    const auth = policy("non_identity", 2, { include: [token(TOKEN_A)] });
    expect(decideForServiceToken([deny, auth], f)).toEqual({ outcome: "deny", policy: deny });
  });

  it("a matching Service Auth before a matching deny admits", () => {
    const auth = policy("non_identity", 1, { include: [token(TOKEN_A)] });
    const deny = policy("deny", 2, { include: [everyone] });
    expect(decideForServiceToken([auth, deny], f)).toEqual({ outcome: "allow", policy: auth });
  });

  it("precedence decides, not the order of the input array", () => {
    const auth = policy("non_identity", 5, { include: [token(TOKEN_A)] });
    const deny = policy("deny", 3, { include: [everyone] });
    const input = Object.freeze([auth, deny]);
    expect(decideForServiceToken(input, f)).toEqual({ outcome: "deny", policy: deny });
    expect(input).toEqual([auth, deny]); // not mutated (and frozen: a sort in place would throw)
  });

  it("allow policies never admit a service token and are skipped", () => {
    const allow = policy("allow", 1, { include: [everyone] });
    expect(decideForServiceToken([allow], f)).toEqual({ outcome: "no_match" });
    const auth = policy("non_identity", 2, { include: [anyToken] });
    expect(decideForServiceToken([allow, auth], f)).toEqual({ outcome: "allow", policy: auth });
  });

  it("bypass policies are not part of the service-token decision", () => {
    const bypass = policy("bypass", 1, { include: [everyone] });
    const deny = policy("deny", 2, { include: [everyone] });
    expect(decideForServiceToken([bypass, deny], f)).toEqual({ outcome: "deny", policy: deny });
    expect(decideForServiceToken([bypass], f)).toEqual({ outcome: "no_match" });
  });

  it("non-matching deny and Service Auth policies are passed over", () => {
    const deny = policy("deny", 1, { include: [token(TOKEN_B)] });
    const auth1 = policy("non_identity", 2, { include: [token(TOKEN_C)] });
    const auth2 = policy("non_identity", 3, { include: [token(TOKEN_A)], exclude: [ipRule("192.0.2.0/24")] });
    expect(decideForServiceToken([deny, auth1, auth2], f)).toEqual({ outcome: "allow", policy: auth2 });
  });

  it("nothing matching is no_match, and no policies is no_match", () => {
    expect(decideForServiceToken([policy("non_identity", 1, { include: [token(TOKEN_B)] })], f)).toEqual({ outcome: "no_match" });
    expect(decideForServiceToken([], f)).toEqual({ outcome: "no_match" });
  });

  it("without an authenticated token nothing admits, not even a Service Auth policy for everyone", () => {
    const auth = policy("non_identity", 1, { include: [everyone] });
    const deny = policy("deny", 2, { include: [everyone] });
    expect(decideForServiceToken([auth, deny], facts(null, "10.1.2.3"))).toEqual({ outcome: "no_match" });
  });

  it("a Service Auth policy by IPv6 range admits a token from that range only", () => {
    const auth = policy("non_identity", 1, { include: [anyToken], require: [ipRule("2001:db8::/32")] });
    expect(decideForServiceToken([auth], facts(TOKEN_A, "2001:db8::7")).outcome).toBe("allow");
    expect(decideForServiceToken([auth], facts(TOKEN_A, "2001:db9::7")).outcome).toBe("no_match");
    expect(decideForServiceToken([auth], facts(TOKEN_A, null)).outcome).toBe("no_match");
  });

  it("equal precedences do not crash and keep the input order", () => {
    const deny = policy("deny", 1, { include: [everyone] });
    const auth = policy("non_identity", 1, { include: [everyone] });
    expect(decideForServiceToken([deny, auth], f)).toEqual({ outcome: "deny", policy: deny });
    expect(decideForServiceToken([auth, deny], f)).toEqual({ outcome: "allow", policy: auth });
    const later = policy("non_identity", 0, { include: [token(TOKEN_B)] }); // forces the sorting path
    expect(decideForServiceToken([deny, auth, later], f)).toEqual({ outcome: "deny", policy: deny });
    expect(decideForServiceToken([auth, deny, later], f)).toEqual({ outcome: "allow", policy: auth });
  });
});

describe("findBypass", () => {
  it("finds a matching bypass regardless of other decisions before it", () => {
    const deny = policy("deny", 1, { include: [everyone] });
    const auth = policy("non_identity", 2, { include: [everyone] });
    const allow = policy("allow", 3, { include: [everyone] });
    const bypass = policy("bypass", 4, { include: [ipRule("10.0.0.0/8")] });
    expect(findBypass([deny, auth, allow, bypass], facts(null, "10.9.9.9"))).toBe(bypass);
  });

  it("returns the first matching bypass by precedence, skipping bypasses that do not match", () => {
    const b1 = policy("bypass", 7, { include: [ipRule("10.0.0.0/8")] });
    const b2 = policy("bypass", 3, { include: [ipRule("192.0.2.0/24")] });
    const b3 = policy("bypass", 5, { include: [everyone] });
    expect(findBypass([b1, b2, b3], facts(null, "10.1.1.1"))).toBe(b3);
    expect(findBypass([b1, b2, b3], facts(null, "192.0.2.1"))).toBe(b2);
  });

  it("is null when no bypass matches or there is none", () => {
    expect(findBypass([policy("bypass", 1, { include: [ipRule("10.0.0.0/8")] })], facts(null, "192.0.2.1"))).toBeNull();
    expect(findBypass([policy("bypass", 1, { include: [ipRule("10.0.0.0/8")] })], facts(null, null))).toBeNull();
    expect(findBypass([policy("deny", 1, { include: [everyone] }), policy("allow", 2, { include: [everyone] })], facts(TOKEN_A))).toBeNull();
    expect(findBypass([], facts(TOKEN_A))).toBeNull();
  });

  it("a bypass honours require and exclude", () => {
    const b = policy("bypass", 1, { include: [everyone], require: [ipRule("10.0.0.0/8")], exclude: [ipRule("10.66.0.0/16")] });
    expect(findBypass([b], facts(null, "10.1.1.1"))).toBe(b);
    expect(findBypass([b], facts(null, "10.66.1.1"))).toBeNull();
    expect(findBypass([b], facts(null, "192.0.2.1"))).toBeNull();
  });
});

describe("hasAllowPolicy", () => {
  it("is true only when some policy decides allow", () => {
    expect(hasAllowPolicy([])).toBe(false);
    expect(hasAllowPolicy([{ decision: "deny" }, { decision: "non_identity" }, { decision: "bypass" }])).toBe(false);
    expect(hasAllowPolicy([{ decision: "deny" }, { decision: "allow" }])).toBe(true);
  });
});

// ---- Property tests against the reference model (evaluate.model.ts) ------------------------------

const RUNS = { numRuns: 500 };
const DECISIONS: PolicyDecision[] = ["allow", "deny", "non_identity", "bypass"];
const TOKENS = [TOKEN_A, TOKEN_B, TOKEN_C];
const CIDRS = [
  "10.0.0.0/8",
  "10.1.0.0/16",
  "10.1.2.0/24",
  "10.1.2.128/25",
  "10.1.2.3",
  "10.1.2.3/31",
  "192.0.2.0/24",
  "0.0.0.0/0",
  "2001:db8::/32",
  "2001:db8:1::/48",
  "2001:db8::1",
  "::/0",
  "::1",
  "::ffff:10.0.0.0/104", // an IPv6 range: never contains a (mapped, hence IPv4) client
  "10.0.0.0/33", // unparsable
  "not-an-ip", // unparsable
];
const ADDRESSES = ["10.1.2.3", "10.1.2.2", "10.1.2.200", "10.9.9.9", "192.0.2.55", "8.8.8.8", "2001:db8::1", "2001:db8:1::5", "2001:db9::1", "::1", "::ffff:10.1.2.3", "fe80::1"];

// Weighted so that policies match often enough for the properties to mean something.
const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS).map((id): Rule => token(id)) },
  { weight: 3, arbitrary: fc.constant(anyToken) },
  { weight: 5, arbitrary: fc.constantFrom(...CIDRS).map((c): Rule => ipRule(c)) },
  { weight: 2, arbitrary: fc.constant(everyone) },
  { weight: 1, arbitrary: fc.constant<Rule>({ email: { email: "a@example.com" } }) },
  { weight: 1, arbitrary: fc.constant<Rule>({ email_domain: { domain: "example.com" } }) },
);

const addressArb: fc.Arbitrary<IpAddress | null> = fc.oneof(
  fc.constant(null),
  { weight: 3, arbitrary: fc.constantFrom(...ADDRESSES).map(ip) },
  // Random addresses near the pool's ranges, so that boundaries are crossed.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(10, 192, 8), fc.constantFrom(0, 1, 2), fc.nat(3), fc.nat(255))
      .map(([a, b, c, d]): IpAddress => ({ version: 4, bytes: [a, b, c, d] })),
  },
  fc.array(fc.nat(255), { minLength: 16, maxLength: 16 }).map((rest): IpAddress => ({ version: 6, bytes: [0x20, 0x01, 0x0d, 0xb8, ...rest.slice(4)] })),
);

const factsArb: fc.Arbitrary<RequestFacts> = fc.record({
  serviceTokenId: fc.oneof(
    fc.constant(null),
    { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
    fc.constantFrom(...TOKENS).map((t) => t.toUpperCase()),
  ),
  ip: addressArb,
});

const listsArb = fc.record({
  include: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 6, arbitrary: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) }),
  require: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(ruleArb, { minLength: 1, maxLength: 2 }) }),
  exclude: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(ruleArb, { minLength: 1, maxLength: 2 }) }),
});

const policyArb = fc
  .record({ decision: fc.constantFrom(...DECISIONS), precedence: fc.integer({ min: 1, max: 12 }), lists: listsArb })
  .map(({ decision, precedence, lists }): EvaluablePolicy => ({ id: "", decision, precedence, sessionDuration: null, ...lists }));

/** Policies with distinct ids and precedences, in ascending precedence (as the caller loads them). */
const sortedPoliciesArb: fc.Arbitrary<EvaluablePolicy[]> = fc
  .tuple(fc.array(policyArb, { maxLength: 6 }), fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 6, maxLength: 6 }))
  .map(([ps, precs]) => {
    const sorted = [...precs].sort((a, b) => a - b);
    return ps.map((p, i) => ({ ...p, id: `p${i}`, precedence: sorted[i] }));
  });

/** Policies in any order, precedences possibly tied. */
const anyPoliciesArb: fc.Arbitrary<EvaluablePolicy[]> = fc.array(policyArb, { maxLength: 6 }).map((ps) => ps.map((p, i) => ({ ...p, id: `p${i}` })));

function summary(d: ServiceTokenDecision): string {
  return d.outcome === "no_match" ? "no_match" : `${d.outcome}:${d.policy.id}`;
}

describe("properties: agreement with the reference model", () => {
  it("ruleMatches agrees with the model for every rule type", () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (rule, f) => ruleMatches(rule, f) === modelRuleMatches(rule, f)),
      RUNS,
    );
  });

  it("ip containment agrees with a naive bit-string check over random ranges and addresses", () => {
    const v4 = fc.array(fc.nat(255), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), v4, fc.nat(32), (net, bits, addrBytes, flip) => {
        // Half the time the address shares the range's first `flip` bits, so matches do happen.
        const shared = [...addrBytes];
        for (let b = 0; b < flip; b++) {
          const mask = 0x80 >> b % 8;
          shared[b >> 3] = (shared[b >> 3] & ~mask) | (net[b >> 3] & mask);
        }
        const cidr = `${net.join(".")}/${bits}`;
        const addr: IpAddress = { version: 4, bytes: shared };
        return ruleMatches(ipRule(cidr), { serviceTokenId: null, ip: addr }) === modelIpInCidr(cidr, addr);
      }),
      RUNS,
    );
  });

  it("policyMatches agrees with the model", () => {
    fc.assert(
      fc.property(listsArb, factsArb, (lists, f) => policyMatches(lists, f) === modelPolicyMatches(lists, f)),
      RUNS,
    );
  });

  it("decideForServiceToken agrees with the model on policies in precedence order", () => {
    fc.assert(
      fc.property(sortedPoliciesArb, factsArb, (ps, f) => {
        expect(summary(decideForServiceToken(ps, f))).toBe(summary(modelDecideForServiceToken(ps, f)));
      }),
      RUNS,
    );
  });

  it("decideForServiceToken agrees with the model on policies in any order, with ties, and leaves the input alone", () => {
    fc.assert(
      fc.property(anyPoliciesArb, factsArb, (ps, f) => {
        const before = ps.map((p) => p.id).join();
        const got = decideForServiceToken(Object.freeze([...ps]), f);
        expect(summary(got)).toBe(summary(modelDecideForServiceToken(ps, f)));
        if (got.outcome !== "no_match") expect(ps).toContain(got.policy); // the policy itself, not a copy
        expect(ps.map((p) => p.id).join()).toBe(before);
      }),
      RUNS,
    );
  });

  it("findBypass agrees with the model on sorted and unsorted policies", () => {
    fc.assert(
      fc.property(fc.oneof(sortedPoliciesArb, anyPoliciesArb), factsArb, (ps, f) => {
        expect(findBypass(Object.freeze([...ps]), f)?.id ?? null).toBe(modelFindBypass(ps, f)?.id ?? null);
      }),
      RUNS,
    );
  });

  it("hasAllowPolicy agrees with the model", () => {
    fc.assert(
      fc.property(anyPoliciesArb, (ps) => hasAllowPolicy(ps) === modelHasAllowPolicy(ps)),
      RUNS,
    );
  });
});

describe("properties: metamorphic", () => {
  it("adding an exclude rule never turns a non-matching policy into a matching one", () => {
    fc.assert(
      fc.property(listsArb, ruleArb, factsArb, (lists, extra, f) => {
        const widened = { ...lists, exclude: [...lists.exclude, extra] };
        return !policyMatches(widened, f) || policyMatches(lists, f);
      }),
      RUNS,
    );
  });

  it("adding a require rule never turns a non-matching policy into a matching one", () => {
    fc.assert(
      fc.property(listsArb, ruleArb, factsArb, (lists, extra, f) => {
        const narrowed = { ...lists, require: [...lists.require, extra] };
        return !policyMatches(narrowed, f) || policyMatches(lists, f);
      }),
      RUNS,
    );
  });

  it("adding an include rule never turns a matching policy into a non-matching one", () => {
    fc.assert(
      fc.property(listsArb, ruleArb, factsArb, (lists, extra, f) => {
        const widened = { ...lists, include: [...lists.include, extra] };
        return !policyMatches(lists, f) || policyMatches(widened, f);
      }),
      RUNS,
    );
  });

  it("changing only the precedence of non-matching policies changes no decision", () => {
    fc.assert(
      fc.property(sortedPoliciesArb, factsArb, fc.array(fc.integer({ min: -50, max: 1050 }), { minLength: 6, maxLength: 6 }), (ps, f, newPrecs) => {
        const moved = ps.map((p, i) => (policyMatches(p, f) ? p : { ...p, precedence: newPrecs[i] }));
        expect(summary(decideForServiceToken(moved, f))).toBe(summary(decideForServiceToken(ps, f)));
        expect(findBypass(moved, f)?.id ?? null).toBe(findBypass(ps, f)?.id ?? null);
      }),
      RUNS,
    );
  });

  it("shuffling the input array (distinct precedences) changes no decision", () => {
    fc.assert(
      fc.property(
        sortedPoliciesArb.chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length }))),
        factsArb,
        ([ps, shuffled], f) => {
          expect(summary(decideForServiceToken(shuffled, f))).toBe(summary(decideForServiceToken(ps, f)));
          expect(findBypass(shuffled, f)?.id ?? null).toBe(findBypass(ps, f)?.id ?? null);
        },
      ),
      RUNS,
    );
  });

  it("a token that authenticated is never admitted by a policy set with no Service Auth policy", () => {
    fc.assert(
      fc.property(anyPoliciesArb, factsArb, (ps, f) => {
        const noAuth = ps.filter((p) => p.decision !== "non_identity");
        return decideForServiceToken(noAuth, f).outcome !== "allow";
      }),
      RUNS,
    );
  });
});
