// The one form of every timestamp the REST API answers with: RFC 3339 in UTC with milliseconds
// ("2026-12-01T10:00:00.000Z"), however it was sent ("2026-12-01T12:00:00+02:00" reads back so).
// Pure.

export function rfc3339(d: Date): string {
  return d.toISOString();
}

export function rfc3339OrNull(d: Date | null): string | null {
  return d === null ? null : rfc3339(d);
}
