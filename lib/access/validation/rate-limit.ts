import { LRUCache } from "lru-cache";

// Failed validations per client IP and per client id, in fixed windows, per instance (with N
// instances behind a balancer a client gets at most N times the limit: documented in the README).
// Bounded: the least recently failing keys are forgotten first.

export interface FailureLimit {
  /** Failures allowed per window. */
  max: number;
  windowMs: number;
}

interface Window {
  start: number;
  failures: number;
}

export class FailureLimiter {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly limit: FailureLimit,
    maxKeys = 100_000,
  ) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  /** Seconds until `key` may try again, or 0 when it is under the limit. */
  retryAfter(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.limit.windowMs || w.failures < this.limit.max) return 0;
    return Math.max(1, Math.ceil((w.start + this.limit.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.limit.windowMs) this.windows.set(key, { start: now, failures: 1 });
    else w.failures += 1;
  }
}
