import type { TokenStatus } from "@/lib/service-tokens/duration";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export const STATUS_LABELS: Record<TokenStatus, string> = {
  active: "Active",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  disabled: "Disabled",
};

const TONES: Record<TokenStatus, BadgeTone> = {
  active: "green",
  expiring_soon: "amber",
  expired: "red",
  disabled: "zinc",
};

export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return (
    <Badge tone={TONES[status]} dot data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
