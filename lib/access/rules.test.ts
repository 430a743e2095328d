import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleListSchema, ruleSchema, serviceTokenReferences, withoutServiceToken, type Rule } from "./rules";
import { parseIp } from "../net/ip";
import { policyMatches } from "./validation/evaluate";

const TOKEN_ID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";

function problem(value: unknown): string {
  const r = ruleSchema.safeParse(value);
  if (r.success) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  const issue = r.error.issues[0];
  return `${issue.path.join(".")}: ${issue.message}`;
}

describe("ruleSchema: valid rules of every type", () => {
  it.each<[unknown, Rule]>([
    [{ service_token: { token_id: TOKEN_ID } }, { service_token: { token_id: TOKEN_ID } }],
    [{ service_token: { token_id: ` ${TOKEN_ID.toUpperCase()} ` } }, { service_token: { token_id: TOKEN_ID } }],
    [{ any_valid_service_token: {} }, { any_valid_service_token: {} }],
    [{ everyone: {} }, { everyone: {} }],
    [{ ip: { ip: "192.0.2.0/24" } }, { ip: { ip: "192.0.2.0/24" } }],
    [{ ip: { ip: "10.1.2.3" } }, { ip: { ip: "10.1.2.3" } }],
    [{ ip: { ip: "2001:db8::/32" } }, { ip: { ip: "2001:db8::/32" } }],
    [{ ip: { ip: "0.0.0.0/0" } }, { ip: { ip: "0.0.0.0/0" } }],
    [{ email: { email: "Someone@Example.com" } }, { email: { email: "someone@example.com" } }],
    [{ email_domain: { domain: "Example.COM" } }, { email_domain: { domain: "example.com" } }],
  ])("%j", (input, expected) => {
    expect(ruleSchema.parse(input)).toEqual(expected);
  });
});

describe("ruleSchema: invalid rules name the path and the reason", () => {
  it.each<[unknown, string]>([
    [{ foo: {} }, ': unknown rule type "foo"'],
    [{}, ": must have exactly one rule type"],
    [{ everyone: {}, ip: { ip: "10.0.0.0/8" } }, ": must have exactly one rule type"],
    ["everyone", ": must be a rule object"],
    [null, ": must be a rule object"],
    [[{ everyone: {} }], ": must be a rule object"],
    [{ everyone: { x: 1 } }, "everyone: "],
    [{ everyone: null }, "everyone: must be an empty object {}"],
    [{ any_valid_service_token: { token_id: TOKEN_ID } }, "any_valid_service_token: "],
    [{ service_token: {} }, "service_token.token_id: must be the id of a service token"],
    [{ service_token: { token_id: "not-a-uuid" } }, "service_token.token_id: must be the id (UUID) of a service token"],
    [{ service_token: { token_id: TOKEN_ID, extra: true } }, "service_token: "],
    [{ service_token: TOKEN_ID }, "service_token: must be an object such as"],
    [{ ip: { ip: "10.0.0.0/33" } }, "ip.ip: must be an IP address or CIDR range"],
    [{ ip: { ip: "300.0.0.1" } }, "ip.ip: must be an IP address or CIDR range"],
    [{ ip: { ip: "10.0.0.1/" } }, "ip.ip: must be an IP address or CIDR range"],
    [{ ip: { ip: "2001:db8::/129" } }, "ip.ip: must be an IP address or CIDR range"],
    [{ ip: { ip: "example.com" } }, "ip.ip: must be an IP address or CIDR range"],
    [{ ip: {} }, "ip.ip: must be a CIDR range"],
    [{ email: { email: "not an email" } }, "email.email: must be an email address"],
    [{ email: { email: 42 } }, "email.email: must be an email address"],
    [{ email_domain: { domain: "@example.com" } }, "email_domain.domain: must be a domain name"],
    [{ email_domain: { domain: "" } }, "email_domain.domain: must be a domain name"],
  ])("%j → %s", (input, expected) => {
    expect(problem(input)).toContain(expected);
  });

  it("reports the position of the bad rule in a list", () => {
    const r = ruleListSchema({ atLeastOne: true }).safeParse([{ everyone: {} }, { foo: {} }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual([1]);
    expect(r.error!.issues[0].message).toBe('unknown rule type "foo"');
  });

  it("requires at least one rule where asked", () => {
    expect(ruleListSchema({ atLeastOne: true }).safeParse([]).success).toBe(false);
    expect(ruleListSchema({ atLeastOne: false }).safeParse([]).success).toBe(true);
  });
});

describe("serviceTokenReferences", () => {
  it("lists every token rule with the field that holds it", () => {
    const refs = serviceTokenReferences({
      include: [{ everyone: {} }, { service_token: { token_id: "a" } }],
      require: [],
      exclude: [{ service_token: { token_id: "b" } }],
    });
    expect(refs).toEqual([
      { tokenId: "a", path: "include.1.service_token.token_id" },
      { tokenId: "b", path: "exclude.0.service_token.token_id" },
    ]);
  });
});

describe("withoutServiceToken", () => {
  const X = TOKEN_ID;
  const OTHER = "0b7e7f4e-2a43-4c55-9b1f-0d7a5e8d9c31";
  const x: Rule = { service_token: { token_id: X } };
  const other: Rule = { service_token: { token_id: OTHER } };

  it("is null for a policy that does not name the token", () => {
    expect(withoutServiceToken({ include: [other, { everyone: {} }], require: [], exclude: [] }, X)).toBeNull();
  });

  it("drops the token from include and exclude, and empties the include when it was the only rule", () => {
    expect(withoutServiceToken({ include: [x, other], require: [], exclude: [x, { ip: { ip: "10.0.0.0/8" } }] }, X)).toEqual({
      include: [other],
      require: [],
      exclude: [{ ip: { ip: "10.0.0.0/8" } }],
    });
    expect(withoutServiceToken({ include: [x], require: [], exclude: [] }, X)).toEqual({ include: [], require: [], exclude: [] });
  });

  it("empties the include of a policy that required the token, rather than widen it", () => {
    const ip: Rule = { ip: { ip: "192.0.2.0/24" } };
    expect(withoutServiceToken({ include: [{ any_valid_service_token: {} }], require: [x, ip], exclude: [other] }, X)).toEqual({
      include: [],
      require: [ip],
      exclude: [other],
    });
  });

  it("never lets in a request the policy did not let in before (the deleted token cannot authenticate any more)", () => {
    const ids = [X, OTHER, "5f0c7a3e-8d14-4b2e-a6c9-1e2f3d4c5b6a"];
    const rule = fc.oneof(
      fc.constantFrom(...ids).map((id): Rule => ({ service_token: { token_id: id } })),
      fc.constant<Rule>({ any_valid_service_token: {} }),
      fc.constant<Rule>({ everyone: {} }),
      fc.constantFrom("10.0.0.0/8", "192.0.2.1").map((ip): Rule => ({ ip: { ip } })),
    );
    const lists = fc.record({ include: fc.array(rule, { maxLength: 4 }), require: fc.array(rule, { maxLength: 3 }), exclude: fc.array(rule, { maxLength: 3 }) });
    const facts = fc.record({
      serviceTokenId: fc.constantFrom(null, OTHER, ids[2]),
      ip: fc.constantFrom(null, "10.1.2.3", "192.0.2.1", "203.0.113.9").map((ip) => (ip === null ? null : parseIp(ip))),
    });
    fc.assert(
      fc.property(lists, facts, (before, f) => {
        const after = withoutServiceToken(before, X);
        if (after === null) return;
        expect(serviceTokenReferences(after).some((r) => r.tokenId === X)).toBe(false);
        if (policyMatches(after, f)) expect(policyMatches(before, f)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
