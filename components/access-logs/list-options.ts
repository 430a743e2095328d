// The authentication log's URL options (Logs › Authentication). Pure: read by the page's parser
// and by the filters.

/** Page sizes offered under the log; the URL accepts only these. */
export const ACCESS_LOG_PER_PAGE = [25, 50, 100, 200] as const;
export const DEFAULT_ACCESS_LOG_PER_PAGE = 50;

const HOUR_MS = 3_600_000;

/** `?range=`: how far back the log looks; absent means all of it. */
export const TIME_RANGES = [
  { value: "1h", label: "Last hour", ms: HOUR_MS },
  { value: "24h", label: "Last 24 hours", ms: 24 * HOUR_MS },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * HOUR_MS },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * HOUR_MS },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]["value"];

/** `?outcome=`: absent means both. */
export const OUTCOMES = [
  { value: "allowed", label: "Allowed" },
  { value: "refused", label: "Refused" },
] as const;
export type Outcome = (typeof OUTCOMES)[number]["value"];

/** The URL parameters of the filters, with the words the page uses for them. */
export const FILTER_PARAMS = {
  app: "Application",
  token: "Service token",
  outcome: "Outcome",
  reason: "Reason",
  range: "Time range",
} as const;
export type FilterParam = keyof typeof FILTER_PARAMS;
