import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/components/ui/format";
import { durationLabel } from "@/components/service-tokens/token-duration";

// A compact before → after of an audit entry: the fields an update changed, or the main fields of
// what was created. Snapshots never hold secrets (the domain keeps them out).

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  duration: "Duration",
  expires_at: "Expires",
  enabled: "Enabled",
  client_id: "Client ID",
  client_secret_version: "Secret version",
  previous_client_secret_expires_at: "Old secret valid until",
  email: "Email",
  role: "Role",
  permissions: "Permissions",
};

/** Most telling first; fields not listed follow in their stored order. */
const FIELD_ORDER = Object.keys(FIELD_LABELS);
const byFieldOrder = (a: string, b: string) => {
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  return rank(a) - rank(b);
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_CREATED_FIELDS = 3;

type Snapshot = Record<string, unknown>;
const isSnapshot = (v: unknown): v is Snapshot => typeof v === "object" && v !== null && !Array.isArray(v);

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return key === "expires_at" ? "Never" : "none";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") {
    if (key === "duration") return durationLabel(value);
    if (key === "role" && (ROLES as readonly string[]).includes(value)) return ROLE_LABELS[value as Role];
    if (ISO_DATE.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return formatDateTime(d);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatValue("", v)).join(", ");
  return JSON.stringify(value);
}

const label = (key: string) => FIELD_LABELS[key] ?? key.replace(/_/g, " ");

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  if (isSnapshot(before) && isSnapshot(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
      .sort(byFieldOrder);
    if (keys.length === 0) return <span className="text-zinc-400">No field changed</span>;
    return (
      <ul className="grid gap-0.5 text-xs [overflow-wrap:anywhere]">
        {keys.map((k) => (
          <li key={k} className="flex flex-wrap items-baseline gap-x-1.5">
            <span className="whitespace-nowrap text-zinc-500">{label(k)}:</span>
            <span className="text-zinc-500 line-through decoration-zinc-400">{formatValue(k, before[k])}</span>
            <span className="text-zinc-400" aria-label="changed to">
              →
            </span>
            <span className="font-medium text-zinc-900">{formatValue(k, after[k])}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (isSnapshot(after)) {
    const entries = Object.entries(after)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => byFieldOrder(a, b));
    const shown = entries.slice(0, MAX_CREATED_FIELDS);
    return (
      <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs [overflow-wrap:anywhere]">
        {shown.map(([k, v]) => (
          <li key={k} className="flex min-w-0 items-baseline gap-x-1">
            <span className="shrink-0 whitespace-nowrap text-zinc-500">{label(k)}:</span>
            <span className="min-w-0 text-zinc-900">{formatValue(k, v)}</span>
          </li>
        ))}
        {entries.length > shown.length ? <li className="text-zinc-400">+{entries.length - shown.length} more</li> : null}
      </ul>
    );
  }
  if (isSnapshot(before)) return <span className="text-xs text-zinc-500">Removed</span>;
  return <span className="text-zinc-400">—</span>;
}
