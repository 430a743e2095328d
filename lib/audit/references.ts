// The objects an audit snapshot names by id: the service tokens of a policy's rules and of an
// alert policy's token filter, the policies attached to an application. The audit view shows them
// by name (lib/audit/query.ts looks the names up). Pure.

/** A service token or policy an entry names by id: its name now, or the last the audit log recorded. */
export interface ReferencedName {
  name: string;
  /** Gone since: the name is the one it had. */
  deleted: boolean;
}

/** The names the entries of one page refer to by id, for the audit view. */
export interface ReferencedNames {
  serviceTokens: Record<string, ReferencedName>;
  policies: Record<string, ReferencedName>;
}

export interface SnapshotReferences {
  serviceTokens: Set<string>;
  policies: Set<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Adds the ids `snapshot` names to `into` (new sets when omitted) and returns them. */
export function snapshotReferences(snapshot: unknown, into: SnapshotReferences = { serviceTokens: new Set(), policies: new Set() }): SnapshotReferences {
  if (!isRecord(snapshot)) return into;
  for (const key of ["include", "require", "exclude"]) {
    for (const rule of list(snapshot[key])) {
      const token = isRecord(rule) && isRecord(rule.service_token) ? rule.service_token.token_id : undefined;
      if (typeof token === "string") into.serviceTokens.add(token);
    }
  }
  for (const id of list(snapshot.token_id)) if (typeof id === "string") into.serviceTokens.add(id);
  for (const p of list(snapshot.policies)) if (isRecord(p) && typeof p.id === "string") into.policies.add(p.id);
  return into;
}
