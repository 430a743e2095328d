import { POLICY_DECISION_LABELS, type PolicyDecision } from "@/lib/access/schemas";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<PolicyDecision, BadgeTone> = {
  allow: "green",
  deny: "red",
  non_identity: "blue",
  bypass: "amber",
};

/** A policy's action with Cloudflare's names: Allow, Block, Service Auth, Bypass. */
export function DecisionBadge({ decision }: { decision: PolicyDecision }) {
  return (
    <Badge tone={TONES[decision]} data-decision={decision}>
      {POLICY_DECISION_LABELS[decision]}
    </Badge>
  );
}
