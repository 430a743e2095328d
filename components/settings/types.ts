/** What the dashboard shows of an API token (never its value or digest). Pages pass the domain's view as it is. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  permissions: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}
