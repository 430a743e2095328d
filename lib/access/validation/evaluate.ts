import type { IpAddress, CidrRange } from "../../net/ip";
import { cidrContains, parseCidr } from "../../net/ip";
import type { Rule } from "../rules";

// Policy evaluation for the validation endpoint: which of an application's policies decides a
// request. Pure (no node:*, no Prisma, no next) and on the hot path, so:
//   - CIDR strings of ip rules are parsed once and memoised (a bounded Map, cleared when full);
//   - ordering: callers should pass policies already in ascending precedence (load them with
//     ORDER BY precedence). The functions check that in one allocation-free pass and use the array
//     as given; only input that is out of order is copied and stably sorted (never mutated), so
//     the answer never depends on the order of the input, and equal precedences (impossible in
//     stored data, unique per app) keep their input order.

export type PolicyDecision = "allow" | "deny" | "non_identity" | "bypass";

/** What is known about a request when policies are evaluated. */
export interface RequestFacts {
  /** The id of the service token that authenticated, or null (no or not yet validated credentials). */
  serviceTokenId: string | null;
  /** The client address, or null when unknown/unparsable (then no ip rule matches). */
  ip: IpAddress | null;
}

export interface EvaluablePolicy {
  id: string;
  decision: PolicyDecision;
  include: readonly Rule[];
  require: readonly Rule[];
  exclude: readonly Rule[];
  /** Ascending: lower is evaluated first. */
  precedence: number;
  sessionDuration: string | null;
}

// ---- CIDR memo ----------------------------------------------------------------------------------

const CIDR_CACHE_MAX = 10_000;
/** Parsed CIDR text → range, or null when unparsable (cached too: a bad rule stays bad). */
const cidrCache = new Map<string, CidrRange | null>();

function cachedCidr(text: string): CidrRange | null {
  const hit = cidrCache.get(text);
  if (hit !== undefined) return hit;
  // Rules are trimmed when stored; trimming here too costs nothing on the (cached) hot path.
  const range = parseCidr(text.trim());
  if (cidrCache.size >= CIDR_CACHE_MAX) cidrCache.clear();
  cidrCache.set(text, range);
  return range;
}

/** For tests: how many CIDR strings are memoised, and a way to start afresh. */
export const __cidrCacheForTests = {
  size: (): number => cidrCache.size,
  max: CIDR_CACHE_MAX,
  clear: (): void => cidrCache.clear(),
};

// ---- Rules and policies -------------------------------------------------------------------------

function sameTokenId(a: string, b: string): boolean {
  // Ids are lowercase UUIDs; compare case-insensitively without allocating in the common case.
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

/**
 * Whether one rule matches the request. Unknown rule shapes (never stored: rules are validated on
 * write) match nothing.
 */
export function ruleMatches(rule: Rule, facts: RequestFacts): boolean {
  if ("service_token" in rule) {
    return facts.serviceTokenId !== null && sameTokenId(rule.service_token.token_id, facts.serviceTokenId);
  }
  if ("any_valid_service_token" in rule) return facts.serviceTokenId !== null;
  if ("ip" in rule) {
    if (facts.ip === null) return false;
    const range = cachedCidr(rule.ip.ip);
    return range !== null && cidrContains(range, facts.ip);
  }
  if ("everyone" in rule) return true;
  // email and email_domain: a service token has no email identity.
  return false;
}

function anyMatches(rules: readonly Rule[], facts: RequestFacts): boolean {
  for (let i = 0; i < rules.length; i++) if (ruleMatches(rules[i], facts)) return true;
  return false;
}

function allMatch(rules: readonly Rule[], facts: RequestFacts): boolean {
  for (let i = 0; i < rules.length; i++) if (!ruleMatches(rules[i], facts)) return false;
  return true;
}

/** include: at least one matches (an empty include matches nothing); require: every one matches; exclude: none matches. */
export function policyMatches(policy: Pick<EvaluablePolicy, "include" | "require" | "exclude">, facts: RequestFacts): boolean {
  return anyMatches(policy.include, facts) && allMatch(policy.require, facts) && !anyMatches(policy.exclude, facts);
}

/** The policies in ascending precedence: the array itself when already so (no allocation), else a stably sorted copy. */
function inPrecedenceOrder(policies: readonly EvaluablePolicy[]): readonly EvaluablePolicy[] {
  for (let i = 1; i < policies.length; i++) {
    if (policies[i - 1].precedence > policies[i].precedence) {
      // Array.prototype.sort is stable (ES2019): equal precedences keep their input order.
      return [...policies].sort((a, b) => a.precedence - b.precedence);
    }
  }
  return policies;
}

/** The first (by precedence) bypass policy that matches, or null. Other decisions are ignored. */
export function findBypass(policies: readonly EvaluablePolicy[], facts: RequestFacts): EvaluablePolicy | null {
  const ordered = inPrecedenceOrder(policies);
  for (let i = 0; i < ordered.length; i++) {
    const policy = ordered[i];
    if (policy.decision === "bypass" && policyMatches(policy, facts)) return policy;
  }
  return null;
}

export type ServiceTokenDecision =
  | { outcome: "allow"; policy: EvaluablePolicy } // a non_identity (Service Auth) policy matched
  | { outcome: "deny"; policy: EvaluablePolicy } // a deny policy matched first
  | { outcome: "no_match" };

const NO_MATCH: ServiceTokenDecision = Object.freeze({ outcome: "no_match" });

/**
 * For an authenticated service token: non-bypass policies in ascending precedence; the first
 * matching `deny` refuses, the first matching `non_identity` admits; `allow` policies never admit
 * a service token (they are for identities) and are skipped; nothing matching is no_match.
 *
 * Fails closed: with `facts.serviceTokenId === null` (no authenticated token) the answer is always
 * no_match, so a Service Auth policy that includes `everyone` or an ip range cannot admit a request
 * that presented no valid token.
 */
export function decideForServiceToken(policies: readonly EvaluablePolicy[], facts: RequestFacts): ServiceTokenDecision {
  if (facts.serviceTokenId === null) return NO_MATCH;
  const ordered = inPrecedenceOrder(policies);
  for (let i = 0; i < ordered.length; i++) {
    const policy = ordered[i];
    if (policy.decision !== "deny" && policy.decision !== "non_identity") continue;
    if (!policyMatches(policy, facts)) continue;
    return policy.decision === "deny" ? { outcome: "deny", policy } : { outcome: "allow", policy };
  }
  return NO_MATCH;
}

/** Whether the application has at least one `allow` policy (only then are JWTs/cookies accepted). */
export function hasAllowPolicy(policies: readonly Pick<EvaluablePolicy, "decision">[]): boolean {
  for (let i = 0; i < policies.length; i++) if (policies[i].decision === "allow") return true;
  return false;
}
