import { parseCidr, type IpAddress } from "../../net/ip";
import type { Rule } from "../rules";
import type { EvaluablePolicy, RequestFacts, ServiceTokenDecision } from "./evaluate";

// A reference model of evaluate.ts for its property tests, written to be obviously correct rather
// than fast: array methods, a fresh sort every call, and CIDR containment by comparing the
// addresses as strings of bits. Used only by evaluate.test.ts.

function bitString(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(2).padStart(8, "0")).join("");
}

export function modelIpInCidr(cidrText: string, ip: IpAddress | null): boolean {
  if (ip === null) return false;
  const range = parseCidr(cidrText.trim());
  if (range === null || range.version !== ip.version) return false;
  return bitString(range.bytes).slice(0, range.bits) === bitString(ip.bytes).slice(0, range.bits);
}

export function modelRuleMatches(rule: Rule, facts: RequestFacts): boolean {
  const [type] = Object.keys(rule);
  const body = (rule as Record<string, Record<string, string>>)[type];
  switch (type) {
    case "service_token":
      return facts.serviceTokenId !== null && facts.serviceTokenId.toLowerCase() === body.token_id.toLowerCase();
    case "any_valid_service_token":
      return facts.serviceTokenId !== null;
    case "ip":
      return modelIpInCidr(body.ip, facts.ip);
    case "everyone":
      return true;
    default:
      return false; // email, email_domain: no email identity with a service token
  }
}

export function modelPolicyMatches(policy: Pick<EvaluablePolicy, "include" | "require" | "exclude">, facts: RequestFacts): boolean {
  const matches = (r: Rule) => modelRuleMatches(r, facts);
  return policy.include.some(matches) && policy.require.every(matches) && !policy.exclude.some(matches);
}

function sortedByPrecedence(policies: readonly EvaluablePolicy[]): EvaluablePolicy[] {
  // Stable: sort (index, policy) pairs, ties broken by the index.
  return policies
    .map((policy, index) => ({ policy, index }))
    .sort((a, b) => (a.policy.precedence !== b.policy.precedence ? a.policy.precedence - b.policy.precedence : a.index - b.index))
    .map((x) => x.policy);
}

export function modelFindBypass(policies: readonly EvaluablePolicy[], facts: RequestFacts): EvaluablePolicy | null {
  return sortedByPrecedence(policies).find((p) => p.decision === "bypass" && modelPolicyMatches(p, facts)) ?? null;
}

export function modelDecideForServiceToken(policies: readonly EvaluablePolicy[], facts: RequestFacts): ServiceTokenDecision {
  if (facts.serviceTokenId === null) return { outcome: "no_match" };
  const first = sortedByPrecedence(policies)
    .filter((p) => p.decision === "deny" || p.decision === "non_identity")
    .find((p) => modelPolicyMatches(p, facts));
  if (first === undefined) return { outcome: "no_match" };
  return first.decision === "deny" ? { outcome: "deny", policy: first } : { outcome: "allow", policy: first };
}

export function modelHasAllowPolicy(policies: readonly Pick<EvaluablePolicy, "decision">[]): boolean {
  return policies.some((p) => p.decision === "allow");
}
