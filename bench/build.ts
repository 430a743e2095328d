import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { builtAt, buildIsCurrent, runNextBuild } from "../lib/runtime/build";

// The production build the benchmark serves, in its own folder so that it never disturbs anyone
// else's: rebuilt when a source is newer than it (lib/runtime/build.ts, the rule of server.ts).

export const DIST_DIR = ".next-bench";
const BUILD_LOG = "bench/results/next-build.log";

export interface BuildStatus {
  ok: boolean;
  /** What the report says about the build. */
  note: string;
  builtAt?: Date;
}

export function ensureBuild(log: (line: string) => void): BuildStatus {
  const previous = builtAt(DIST_DIR) ?? undefined;
  if (previous && buildIsCurrent(DIST_DIR)) {
    return { ok: true, note: `reused ${DIST_DIR} (built ${previous.toISOString()}, newer than every source)`, builtAt: previous };
  }
  log(`building into ${DIST_DIR} (next build, output in ${BUILD_LOG}) ...`);
  const r = runNextBuild(DIST_DIR, { capture: true, timeoutMs: 600_000, env: { NEXT_TELEMETRY_DISABLED: "1" } });
  mkdirSync(path.dirname(BUILD_LOG), { recursive: true });
  writeFileSync(BUILD_LOG, r.output);
  if (r.ok) return { ok: true, note: `built ${DIST_DIR} in ${r.seconds.toFixed(1)} s from the working tree`, builtAt: new Date() };
  if (previous) {
    return { ok: true, note: `next build FAILED (${r.failure}, see ${BUILD_LOG}): measured the previous build of ${previous.toISOString()}`, builtAt: previous };
  }
  return { ok: false, note: `next build FAILED (${r.failure}, see ${BUILD_LOG}) and no earlier build exists: HTTP benchmarks skipped` };
}
