import { SectionCard } from "@/components/ui/card";
import { formatDateTime, formatRelative, formatTimestamp } from "@/components/ui/format";
import { AuditActionBadge } from "./audit-action-badge";
import { AuditActor } from "./audit-actor";
import { AuditChanges } from "./audit-changes";
import { NO_AUDIT_NAMES, type AuditEntry, type AuditNames } from "./types";

/** One object's history, newest first: who, what, when, and what changed. */
export function AuditTrail({ entries, names = NO_AUDIT_NAMES, now }: { entries: AuditEntry[]; names?: AuditNames; now: Date }) {
  if (entries.length === 0) return <p className="px-5 py-8 text-center text-sm text-zinc-500">No changes recorded yet.</p>;
  return (
    <ol className="divide-y divide-zinc-100" aria-label="Audit trail">
      {entries.map((e) => (
        <li key={e.id} className="grid grid-cols-1 gap-2 px-5 py-3.5 sm:grid-cols-[11rem_minmax(0,1fr)_14rem] sm:items-start sm:gap-6">
          <AuditActionBadge action={e.action} />
          <AuditChanges before={e.before} after={e.after} names={names} />
          <div className="grid grid-cols-1 gap-0.5 text-sm sm:text-right">
            <span className="max-w-full min-w-0 text-zinc-800 sm:justify-self-end">
              <AuditActor type={e.actorType} label={e.actorLabel} />
            </span>
            <time dateTime={e.createdAt.toISOString()} title={formatTimestamp(e.createdAt)} className="text-xs text-zinc-500">
              {formatDateTime(e.createdAt)} · {formatRelative(e.createdAt, now)}
            </time>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** How many events a token's or an application's page lists. */
export const AUDIT_TRAIL_SIZE = 50;

/** The card of a detail page around it; `of` names the object ("this token"). */
export function AuditTrailCard({ of, trail, now }: { of: string; trail: { items: AuditEntry[]; total: number; names?: AuditNames }; now: Date }) {
  return (
    <SectionCard
      title="Audit trail"
      description={
        <>
          Who changed {of}, and how.
          {trail.total > AUDIT_TRAIL_SIZE ? ` The ${AUDIT_TRAIL_SIZE} most recent of ${trail.total} events.` : null}
        </>
      }
    >
      <AuditTrail entries={trail.items} names={trail.names} now={now} />
    </SectionCard>
  );
}
