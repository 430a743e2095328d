import { DELIVERY_STATUSES, LEAD_TIME_CHOICES, MECHANISM_TYPES, type DeliveryStatus, type MechanismType } from "@/lib/alerts/schemas";
import type { BadgeTone } from "@/components/ui/badge";

// The words and URL options of the Notifications pages. Pure: read by the pages' parsers, the
// tables and the forms.

/** Page sizes offered under the history; the URL accepts only these. */
export const HISTORY_PER_PAGE = [25, 50, 100, 200] as const;
export const DEFAULT_HISTORY_PER_PAGE = 25;

export const STATUS_LABELS: Record<DeliveryStatus, { label: string; tone: BadgeTone }> = {
  sent: { label: "Sent", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  not_sent: { label: "Not sent", tone: "amber" },
  pending: { label: "Pending", tone: "zinc" },
};
export const STATUS_OPTIONS = DELIVERY_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value].label }));

export const MECHANISM_LABELS: Record<MechanismType, string> = { email: "Email", webhook: "Webhook" };
export const MECHANISM_OPTIONS = MECHANISM_TYPES.map((value) => ({ value, label: MECHANISM_LABELS[value] }));

/** The history's filters, by URL parameter (the REST API's names), with the words the page uses for them. */
export const HISTORY_FILTER_PARAMS = {
  policy_id: "Alert policy",
  mechanism_type: "Mechanism",
  status: "Status",
} as const;
export type HistoryFilterParam = keyof typeof HISTORY_FILTER_PARAMS;

/** "7 days before", "1 day before". */
export const leadTimeLabel = (days: number | string) => `${days} day${Number(days) === 1 ? "" : "s"} before`;

/** The lead-time choices, longest first, as the form's checkboxes say them ("30 days"; the legend says "before expiry"). */
export const LEAD_TIME_OPTIONS = LEAD_TIME_CHOICES.map((value) => ({ value, label: `${value} day${value === "1" ? "" : "s"}` }));

/** "30, 7 days before": a policy's lead times, longest first. */
export function leadTimesLabel(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => b - a);
  return `${sorted.join(", ")} day${sorted.length === 1 && sorted[0] === 1 ? "" : "s"} before`;
}
