/** One row of Logs › Authentication: the domain's AccessLogView, with the current names of what it names. */
export interface AccessLogEntry {
  id: string;
  createdAt: Date;
  allowed: boolean;
  reason: string;
  appId: string | null;
  appDomain: string | null;
  serviceTokenId: string | null;
  clientId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  rayId: string;
  count: number;
  /** The application's name today; null when it was deleted (the row keeps its domain). */
  appName: string | null;
  /** The token's name today; null when it was deleted or the client ID was unknown. */
  serviceTokenName: string | null;
}

export interface FilterOption {
  value: string;
  label: string;
}
