import type { TokenStatus } from "@/lib/service-tokens/duration";

/** What the dashboard shows of a token (never a secret). Pages pass the domain's view as it is. */
export interface ServiceTokenSummary {
  id: string;
  name: string;
  clientId: string;
  duration: string;
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastSeenAt: Date | null;
  clientSecretVersion: number;
  previousSecretExpiresAt: Date | null;
  enabled: boolean;
}

/** A row of the list: the status is computed once, on the server, with the server's clock. */
export interface ServiceTokenRow extends ServiceTokenSummary {
  status: TokenStatus;
}
