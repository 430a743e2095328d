import { describe, expect, it } from "vitest";
import { ruleListSchema, ruleSchema, serviceTokenReferences, type Rule } from "./rules";

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
