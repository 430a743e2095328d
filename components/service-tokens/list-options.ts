import { STATUS_FILTERS, type TokenFilter } from "@/lib/service-tokens/filters";
import { STATUS_LABELS } from "./token-status-badge";

/** Page sizes offered under the service tokens table; the list URL accepts only these. */
export const SERVICE_TOKENS_PER_PAGE = [10, 25, 50, 100] as const;
export const DEFAULT_SERVICE_TOKENS_PER_PAGE = 25;

/** The list's ?status= filters (lib/service-tokens/filters.ts), as the toolbar and the Overview name them. */
export const TOKEN_FILTER_LABELS: Record<TokenFilter, string> = {
  ...STATUS_LABELS,
  expiring_30d: "Expiring within 30 days",
  never_used: "Never used",
  unused_90d: "Unused for 90 days",
  non_expiring: "Non-expiring",
};

/** The toolbar's Status filter; a filter only the Overview links to is added while it is applied. */
export function statusFilterOptions(current: TokenFilter | undefined): { value: TokenFilter; label: string }[] {
  const values: TokenFilter[] = [...STATUS_FILTERS];
  if (current && !values.includes(current)) values.push(current);
  return values.map((value) => ({ value, label: TOKEN_FILTER_LABELS[value] }));
}
