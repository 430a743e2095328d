import type { PolicySummary } from "@/components/policies/types";

/** A policy attached to an application, with its place in the evaluation order. */
export interface AttachedPolicy extends PolicySummary {
  precedence: number;
}

/** What the dashboard shows of an application. Pages pass the domain's view as it is. */
export interface AppSummary {
  id: string;
  aud: string;
  name: string;
  domain: string;
  sessionDuration: string;
  readServiceTokensFromHeader: string | null;
  serviceAuth401Redirect: boolean;
  lastRevokedAt: Date | null;
  /** In ascending precedence. */
  policies: AttachedPolicy[];
  createdAt: Date;
  updatedAt: Date;
}

/** A reusable policy as the application form's picker offers it. */
export type PolicyOption = Pick<PolicySummary, "id" | "name" | "decision">;
