// When the signing keys of an account rotate next. Pure: the service passes `now`.

const DAY_MS = 24 * 3600 * 1000;

export interface KeySchedule {
  keyRotationIntervalDays: number;
  /** null until the account's first key is made. */
  lastKeyRotationAt: Date | null;
}

/** null while no key exists yet: the schedule starts with the first key. */
export function nextKeyRotationAt(s: KeySchedule): Date | null {
  return s.lastKeyRotationAt === null ? null : new Date(s.lastKeyRotationAt.getTime() + s.keyRotationIntervalDays * DAY_MS);
}

/**
 * Whole days until the next rotation, rounded up (42 right after a rotation with a 42-day
 * interval), 0 when it is due. Before the first key, the full interval.
 */
export function daysUntilNextRotation(s: KeySchedule, now: Date): number {
  const next = nextKeyRotationAt(s);
  if (next === null) return s.keyRotationIntervalDays;
  return Math.max(0, Math.ceil((next.getTime() - now.getTime()) / DAY_MS));
}
