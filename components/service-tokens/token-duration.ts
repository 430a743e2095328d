import { durationProblem } from "@/lib/service-tokens/duration";
import { DURATION_CHOICES } from "@/lib/service-tokens/schemas";
import { presetLabel, type DurationKind } from "@/components/forms/duration-kind";

/** A service token's lifetime: a preset (1 year by default) or a Go duration. */
export const TOKEN_DURATION: DurationKind = {
  choices: DURATION_CHOICES,
  problem: durationProblem,
  noun: "Duration",
  customLabel: "Custom duration",
  placeholder: "e.g. 720h or 2h45m",
  format: "A Go duration with units h, m or s, such as 8760h, 2h45m or 1.5h; from 1s to 876000h.",
};

/** "1 year" for a preset ("Non-expiring" for forever), the Go duration itself otherwise. */
export const durationLabel = (duration: string): string => presetLabel(TOKEN_DURATION, duration);
