import { Badge } from "@/components/ui/badge";
import { describeAction } from "./audit-labels";

/** The verb as a badge (the object type is shown beside it), and the recorded action code. */
export function AuditActionBadge({ action }: { action: string }) {
  const { verb, tone } = describeAction(action);
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone={tone}>{verb}</Badge>
      <code className="hidden font-mono text-[11px] text-zinc-400 xl:block">{action}</code>
    </span>
  );
}
