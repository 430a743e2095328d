import { FOREVER } from "@/lib/service-tokens/duration";
import { DURATION_CHOICES } from "@/lib/service-tokens/schemas";

/** "1 year" for a preset, "Non-expiring" for forever, the Go duration itself otherwise. */
export function durationLabel(duration: string): string {
  if (duration === FOREVER) return "Non-expiring";
  return DURATION_CHOICES.find((c) => c.value === duration)?.label ?? duration;
}
