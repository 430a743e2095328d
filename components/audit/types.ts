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

/** A service token or policy an entry names by id (the domain's ReferencedName). */
export interface AuditReferencedName {
  name: string;
  deleted: boolean;
}

/** The names the entries of one page refer to by id: the tokens of rules, an application's policies. */
export interface AuditNames {
  serviceTokens: Record<string, AuditReferencedName>;
  policies: Record<string, AuditReferencedName>;
}

export const NO_AUDIT_NAMES: AuditNames = { serviceTokens: {}, policies: {} };
