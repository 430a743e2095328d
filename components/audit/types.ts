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
