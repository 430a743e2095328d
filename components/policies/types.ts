import type { Rule, RuleListName } from "@/lib/access/rules";
import type { PolicyDecision } from "@/lib/access/schemas";
import type { AppRef } from "@/lib/access/token-usage";

export type { AppRef, ServiceTokenUsage } from "@/lib/access/token-usage";

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
