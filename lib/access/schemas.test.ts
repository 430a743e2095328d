import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { parseInput } from "../input/parse";
import { appInputSchema, listAccessLogsSchema, policyInputSchema, sessionDurationMs, sessionDurationProblem } from "./schemas";

function fails(schema: Parameters<typeof parseInput>[0], input: unknown): string {
  try {
    parseInput(schema, input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
  throw new Error("expected a validation error");
}

const POLICY_ID = "0b6c7d8e-9f01-4a23-8b45-6c7d8e9f0a1b";
const OTHER_ID = "1b6c7d8e-9f01-4a23-8b45-6c7d8e9f0a1b";

describe("appInputSchema", () => {
  it("fills the defaults of every optional field", () => {
    expect(parseInput(appInputSchema, { name: "App", domain: "App.Example.com" })).toEqual({
      name: "App",
      domain: "app.example.com",
      type: "self_hosted",
      session_duration: "24h",
      read_service_tokens_from_header: null,
      service_auth_401_redirect: false,
      policies: [],
    });
  });

  it("numbers policies by position unless a precedence is given", () => {
    const data = parseInput(appInputSchema, { name: "A", domain: "a.example", policies: [POLICY_ID, { id: OTHER_ID, precedence: 7 }] });
    expect(data.policies).toEqual([
      { policyId: POLICY_ID, precedence: 1, field: "policies.0" },
      { policyId: OTHER_ID, precedence: 7, field: "policies.1.id" },
    ]);
  });

  it("treats an empty header name as none", () => {
    expect(parseInput(appInputSchema, { name: "A", domain: "a.example", read_service_tokens_from_header: "" }).read_service_tokens_from_header).toBeNull();
  });

  it.each<[Record<string, unknown>, string]>([
    [{ domain: "a.example" }, "invalid request: name: must be a string"],
    [{ name: " ", domain: "a.example" }, "invalid request: name: must not be empty"],
    [{ name: "A" }, "invalid request: domain: must be a host name"],
    [{ name: "A", domain: "https://a.example" }, "invalid request: domain: must be a host or host/path, without a scheme"],
    [{ name: "A", domain: "a.example", type: "saas" }, 'invalid request: type: must be "self_hosted"'],
    [{ name: "A", domain: "a.example", session_duration: "forever" }, "invalid request: session_duration: must be a finite duration"],
    [{ name: "A", domain: "a.example", session_duration: "1d" }, "invalid request: session_duration: "],
    [{ name: "A", domain: "a.example", session_duration: "0s" }, "invalid request: session_duration: must be at least 1s"],
    [{ name: "A", domain: "a.example", session_duration: "8761h" }, "invalid request: session_duration: must be at most 8760h"],
    [{ name: "A", domain: "a.example", session_duration: 24 }, "invalid request: session_duration: must be a Go duration"],
    [{ name: "A", domain: "a.example", read_service_tokens_from_header: "X Token" }, "invalid request: read_service_tokens_from_header: must be an HTTP header name"],
    [{ name: "A", domain: "a.example", read_service_tokens_from_header: 1 }, "invalid request: read_service_tokens_from_header: must be an HTTP header name or null"],
    [{ name: "A", domain: "a.example", service_auth_401_redirect: "yes" }, "invalid request: service_auth_401_redirect: must be true or false"],
    [{ name: "A", domain: "a.example", policies: "x" }, "invalid request: policies: must be an array of policy ids"],
    [{ name: "A", domain: "a.example", policies: [42] }, "invalid request: policies.0: must be a policy id or an object"],
    [{ name: "A", domain: "a.example", policies: [{ id: POLICY_ID, precedence: 0 }] }, "invalid request: policies.0.precedence: must be an integer of at least 1"],
    [{ name: "A", domain: "a.example", policies: [{ id: POLICY_ID, precedence: 1.5 }] }, "invalid request: policies.0.precedence: must be an integer"],
    [{ name: "A", domain: "a.example", policies: [{ precedence: 1 }] }, "invalid request: policies.0.id: must be a policy id"],
    [{ name: "A", domain: "a.example", policies: [POLICY_ID, POLICY_ID] }, "invalid request: policies.1: policy is listed more than once"],
    [{ name: "A", domain: "a.example", policies: [POLICY_ID, { id: OTHER_ID, precedence: 1 }] }, "invalid request: policies.1.precedence: precedence 1 is used by more than one policy"],
  ])("%j → %s", (input, message) => {
    expect(fails(appInputSchema, input)).toContain(message);
  });
});

describe("policyInputSchema", () => {
  it("defaults require, exclude and session_duration", () => {
    expect(parseInput(policyInputSchema, { name: "P", decision: "non_identity", include: [{ any_valid_service_token: {} }] })).toEqual({
      name: "P",
      decision: "non_identity",
      include: [{ any_valid_service_token: {} }],
      require: [],
      exclude: [],
      session_duration: null,
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ name: "P", decision: "maybe", include: [{ everyone: {} }] }, "invalid request: decision: must be one of: allow, deny, non_identity, bypass"],
    [{ name: "P", decision: "allow" }, "invalid request: include: must be an array of rules"],
    [{ name: "P", decision: "allow", include: [] }, "invalid request: include: must contain at least one rule"],
    [{ name: "P", decision: "allow", include: [{ foo: {} }] }, 'invalid request: include.0: unknown rule type "foo"'],
    [{ name: "P", decision: "allow", include: [{ everyone: {} }], require: [{ ip: { ip: "x" } }] }, "invalid request: require.0.ip.ip: must be an IP address or CIDR range"],
    [{ name: "P", decision: "allow", include: [{ everyone: {} }], exclude: [{ everyone: {} }, { email: {} }] }, "invalid request: exclude.1.email.email: must be an email address"],
    [{ name: "P", decision: "allow", include: [{ everyone: {} }], session_duration: "forever" }, "invalid request: session_duration: must be a finite duration"],
  ])("%j → %s", (input, message) => {
    expect(fails(policyInputSchema, input)).toContain(message);
  });
});

describe("session durations", () => {
  it("accepts Go durations between 1s and 8760h", () => {
    for (const d of ["1s", "30m", "24h", "1h30m", "1.5h", "8760h"]) expect(sessionDurationProblem(d)).toBeNull();
    expect(sessionDurationMs("1h30m")).toBe(5_400_000);
    expect(sessionDurationMs("24h")).toBe(86_400_000);
  });
});

describe("listAccessLogsSchema", () => {
  it("defaults to the newest 25", () => {
    expect(parseInput(listAccessLogsSchema, {})).toMatchObject({ limit: 25, direction: "desc", page: 1 });
  });

  it("takes RFC 3339 strings and dates", () => {
    const q = parseInput(listAccessLogsSchema, { since: "2025-01-01T00:00:00Z", until: new Date("2025-02-01T00:00:00+01:00"), limit: "1000" });
    expect(q.since?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(q.until?.toISOString()).toBe("2025-01-31T23:00:00.000Z");
    expect(q.limit).toBe(1000);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ limit: 0 }, "invalid request: limit: must be an integer from 1 to 1000"],
    [{ limit: "1001" }, "invalid request: limit: must be an integer from 1 to 1000"],
    [{ limit: "ten" }, "invalid request: limit: must be an integer from 1 to 1000"],
    [{ direction: "up" }, 'invalid request: direction: must be "asc" or "desc"'],
    [{ since: "yesterday" }, "invalid request: since: must be an RFC 3339 date-time"],
    [{ since: "2025-01-02T00:00:00Z", until: "2025-01-01T00:00:00Z" }, "invalid request: until: must not be before since"],
  ])("%j → %s", (input, message) => {
    expect(fails(listAccessLogsSchema, input)).toContain(message);
  });
});
