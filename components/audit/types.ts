import type { ReferencedNames } from "@/lib/audit/references";

/** One audit log row as the dashboard shows it (the domain's AuditLogView has this shape). */
export interface AuditEntry {
  id: string;
  createdAt: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  objectName: string | null;
  before: unknown;
  after: unknown;
}

/** The names the entries of one page refer to by id: the tokens of rules, an application's policies. */
export type AuditNames = ReferencedNames;

export const NO_AUDIT_NAMES: AuditNames = { serviceTokens: {}, policies: {} };
