import type { Rule, RuleListName } from "@/lib/access/rules";
import type { PolicyDecision } from "@/lib/access/schemas";

/** What the dashboard shows of a reusable policy. Pages pass the domain's view as it is. */
export interface PolicySummary {
  id: string;
  name: string;
  decision: PolicyDecision;
  include: Rule[];
  require: Rule[];
  exclude: Rule[];
  /** null: the application's session duration applies. */
  sessionDuration: string | null;
  appCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AppRef {
  id: string;
  name: string;
  domain: string;
}

/** A row of the Policies list: the policy and the applications that use it. */
export interface PolicyRow extends PolicySummary {
  apps: AppRef[];
}

/** A service token as the rule builder offers it. */
export interface ServiceTokenOption {
  id: string;
  name: string;
  clientId: string;
}

/** Token names for rule summaries, by token id. */
export type TokenNames = Record<string, string>;

/** Where a service token is used (the domain's ServiceTokenUsage). */
export interface TokenUsage {
  policies: {
    id: string;
    name: string;
    decision: PolicyDecision;
    lists: RuleListName[];
    /** Deleting the token leaves the policy matching nothing (it was its only include rule, or a require rule). */
    matchesNothingAfterDelete: boolean;
    apps: (AppRef & { precedence: number })[];
  }[];
  apps: AppRef[];
}
