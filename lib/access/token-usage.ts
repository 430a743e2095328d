import type { RuleListName } from "./rules";
import type { PolicyDecision } from "./schemas";

// What the domain answers about where a service token is used, as plain types: the policies
// service computes it (lib/access/policies.ts), the dashboard shows it (components/policies) and
// alerts name its applications. Pure, so that client components can name these types too.

/** An application as lists of policies name it. */
export interface AppRef {
  id: string;
  name: string;
  domain: string;
}

export interface ServiceTokenUsage {
  /** Policies with a service_token rule naming the token, and where it is named. */
  policies: {
    id: string;
    name: string;
    decision: PolicyDecision;
    lists: RuleListName[];
    /**
     * Deleting the token leaves this policy matching nothing: the token was its only include rule,
     * or a require rule (see withoutServiceToken). Otherwise the delete only removes its rules.
     */
    matchesNothingAfterDelete: boolean;
    apps: (AppRef & { precedence: number })[];
  }[];
  /** Applications that use any of those policies. */
  apps: AppRef[];
}
