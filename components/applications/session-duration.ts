// Session durations with Cloudflare's choices, plus a custom Go duration. Applications always have
// one (24h by default); a policy may leave it to the application ("Same as the application").

export const SESSION_DURATION_CHOICES = [
  { value: "15m", label: "15 minutes" },
  { value: "30m", label: "30 minutes" },
  { value: "1h", label: "1 hour" },
  { value: "6h", label: "6 hours" },
  { value: "12h", label: "12 hours" },
  { value: "24h", label: "24 hours" },
  { value: "168h", label: "1 week" },
  { value: "730h", label: "1 month" },
] as const;

/** "24 hours" for a preset, the Go duration itself otherwise. */
export function sessionDurationLabel(value: string): string {
  return SESSION_DURATION_CHOICES.find((c) => c.value === value)?.label ?? value;
}
