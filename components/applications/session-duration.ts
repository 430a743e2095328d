import { sessionDurationProblem } from "@/lib/access/schemas";
import { presetLabel, type DurationKind } from "@/components/forms/duration-kind";

// Session durations with Cloudflare's choices, plus a custom Go duration. Applications always have
// one (24h by default); a policy may leave it to the application ("Same as the application").

export const SESSION_DURATION: DurationKind = {
  choices: [
    { value: "15m", label: "15 minutes" },
    { value: "30m", label: "30 minutes" },
    { value: "1h", label: "1 hour" },
    { value: "6h", label: "6 hours" },
    { value: "12h", label: "12 hours" },
    { value: "24h", label: "24 hours" },
    { value: "168h", label: "1 week" },
    { value: "730h", label: "1 month" },
  ],
  problem: sessionDurationProblem,
  noun: "Session duration",
  customLabel: "Custom session duration",
  placeholder: "e.g. 8h or 1h30m",
  format: "A Go duration with units h, m or s, from 1s to 8760h.",
};

/** "24 hours" for a preset, the Go duration itself otherwise. */
export const sessionDurationLabel = (value: string): string => presetLabel(SESSION_DURATION, value);
