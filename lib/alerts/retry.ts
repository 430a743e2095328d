// Attempts of one delivery: up to `attempts` tries, waiting base, 2×base, 4×base, ... between them
// (1 s, 2 s, 4 s, 8 s by default: 5 attempts over 15 s), each recorded with its outcome. A stop
// (the signal) ends the waiting at once and leaves the delivery to the next scanner.

export const DEFAULT_RETRY = { attempts: 5, baseMs: 1000 } as const;
export type RetryPolicy = { attempts: number; baseMs: number };

export interface Attempt {
  at: string;
  /** "HTTP 200", "HTTP 500", "timeout after 10 s", "550 mailbox unavailable", ... */
  outcome: string;
}

export interface DeliveryOutcome {
  ok: boolean;
  attempts: Attempt[];
  /** The last attempt's outcome when none succeeded. */
  error: string | null;
}

/** The wait after failed attempt `n` (1-based). */
export function backoffMs(n: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return policy.baseMs * 2 ** (n - 1);
}

/** Thrown when the scanner stops during a delivery: the row stays pending for the next one. */
export class DeliveryInterrupted extends Error {
  constructor() {
    super("delivery interrupted: the scanner is stopping");
    this.name = "DeliveryInterrupted";
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DeliveryInterrupted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeliveryInterrupted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Tries `send` until it succeeds or the attempts run out. `send` reports; it throws only DeliveryInterrupted. */
export async function withRetries(
  send: () => Promise<{ ok: boolean; outcome: string }>,
  opts: { policy: RetryPolicy; signal: AbortSignal; onAttempt?: (ok: boolean, at: Date) => Promise<void> },
): Promise<DeliveryOutcome> {
  const attempts: Attempt[] = [];
  for (let n = 1; ; n++) {
    if (opts.signal.aborted) throw new DeliveryInterrupted();
    const at = new Date();
    const { ok, outcome } = await send();
    attempts.push({ at: at.toISOString(), outcome });
    await opts.onAttempt?.(ok, at);
    if (ok) return { ok, attempts, error: null };
    if (n >= opts.policy.attempts) return { ok, attempts, error: outcome };
    await sleep(backoffMs(n, opts.policy), opts.signal);
  }
}
