// Timing and percentiles. Every loop here is bounded twice: by a count and by a deadline, so a
// slow machine gives fewer samples instead of a run that never ends.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

export interface Case {
  name: string;
  /** One operation; throws if the answer is wrong, so that a broken case cannot look fast. */
  run: () => Promise<void>;
}

export interface SampleOptions {
  warmup: number;
  samples: number;
  /** Deadline for warm-up plus sampling of the whole group. */
  maxMs: number;
}

/**
 * Runs the cases round-robin (A, B, C, A, B, C, ...) so that the machine's drift and noise fall on
 * every case alike, which is what makes the ratios between them meaningful.
 */
export async function sampleRoundRobin(cases: Case[], opts: SampleOptions): Promise<Map<string, Summary>> {
  const deadline = performance.now() + opts.maxMs;
  for (let i = 0; i < opts.warmup && performance.now() < deadline; i++) {
    for (const c of cases) await c.run();
  }
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let i = 0; i < opts.samples && performance.now() < deadline; i++) {
    for (const c of cases) {
      const start = performance.now();
      await c.run();
      times.get(c.name)!.push(performance.now() - start);
    }
  }
  return new Map([...times].map(([name, t]) => [name, summarize(t)]));
}

export const ms = (x: number): string => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : "n/a");
export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(a / b >= 100 ? 0 : 2)}×` : "n/a");
