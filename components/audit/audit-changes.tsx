import { summarizeAuditEntry } from "./audit-fields";
import { NO_AUDIT_NAMES, type AuditNames } from "./types";

// A compact before → after of an audit entry: the fields an update changed, or the fields of what
// was created (the first few, the rest behind "more"). Words from audit-fields.ts; snapshots never
// hold secrets (the domain keeps them out).

const CREATED_FIELDS_SHOWN = 4;

export function AuditChanges({ before, after, names = NO_AUDIT_NAMES }: { before: unknown; after: unknown; names?: AuditNames }) {
  const summary = summarizeAuditEntry(before, after, names);
  switch (summary.kind) {
    case "changed":
      if (summary.fields.length === 0) return <span className="text-zinc-400">No field changed</span>;
      return (
        <ul className="grid gap-0.5 text-xs">
          {summary.fields.map((f) => (
            <li key={f.key} className="flex flex-wrap items-baseline gap-x-1.5 [overflow-wrap:anywhere]">
              <span className="text-zinc-500">{f.label}:</span>
              <span className="text-zinc-500 line-through decoration-zinc-400">{f.before}</span>
              <span className="text-zinc-400" aria-label="changed to">
                →
              </span>
              <span className="font-medium text-zinc-900">{f.after}</span>
            </li>
          ))}
        </ul>
      );
    case "created": {
      const item = (f: (typeof summary.fields)[number]) => (
        <li key={f.key} className="flex items-baseline gap-x-1 [overflow-wrap:anywhere]">
          <span className="shrink-0 text-zinc-500">{f.label}:</span>
          <span className="text-zinc-900">{f.value}</span>
        </li>
      );
      const rest = summary.fields.slice(CREATED_FIELDS_SHOWN);
      return (
        <div className="grid gap-0.5 text-xs">
          <ul className="grid gap-0.5">{summary.fields.slice(0, CREATED_FIELDS_SHOWN).map(item)}</ul>
          {rest.length > 0 ? (
            <details className="group">
              <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800">{rest.length} more</summary>
              <ul className="mt-0.5 grid gap-0.5">{rest.map(item)}</ul>
            </details>
          ) : null}
        </div>
      );
    }
    case "removed":
      return <span className="text-xs text-zinc-500">Removed</span>;
    case "none":
      return <span className="text-zinc-400">—</span>;
  }
}
