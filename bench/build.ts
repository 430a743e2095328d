import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

// The production build the benchmark serves, in its own folder so that it never disturbs anyone
// else's `.next`. Rebuilt when a source is newer than it (the same rule as server.ts).

export const DIST_DIR = ".next-bench";
const BUILD_LOG = "bench/results/next-build.log";

const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p) || p.endsWith(path.join("lib", "generated"))) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

export interface BuildStatus {
  ok: boolean;
  /** What the report says about the build. */
  note: string;
  builtAt?: Date;
}

function readOrNull(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/**
 * `next build` adds `.next-bench/types/**` to tsconfig.json's include and points next-env.d.ts at
 * this folder. Both are shared files: put them back as they were, but only when the build's edit is
 * the sole difference (never overwrite a concurrent edit by someone else).
 */
function undoBuildEdits(tsconfigBefore: string | null, nextEnvBefore: string | null): string[] {
  const undone: string[] = [];
  const tsconfigAfter = readOrNull("tsconfig.json");
  if (tsconfigBefore !== null && tsconfigAfter !== null && tsconfigAfter !== tsconfigBefore) {
    try {
      const before = JSON.parse(tsconfigBefore) as { include?: string[] };
      const after = JSON.parse(tsconfigAfter) as { include?: string[] };
      after.include = after.include?.filter((p) => !p.startsWith(`${DIST_DIR}/`));
      if (isDeepStrictEqual(before, after)) {
        writeFileSync("tsconfig.json", tsconfigBefore);
        undone.push("tsconfig.json");
      }
    } catch {
      // Not plain JSON (comments): leave it for a person to look at.
    }
  }
  const nextEnvAfter = readOrNull("next-env.d.ts");
  if (nextEnvBefore !== null && nextEnvAfter !== null && nextEnvAfter !== nextEnvBefore && nextEnvAfter.includes(DIST_DIR)) {
    writeFileSync("next-env.d.ts", nextEnvBefore);
    undone.push("next-env.d.ts");
  }
  return undone;
}

export function ensureBuild(log: (line: string) => void): BuildStatus {
  const buildId = path.join(DIST_DIR, "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtime : undefined;
  if (builtAt && builtAt.getTime() >= Math.max(...SOURCES.map(newestMtime))) {
    return { ok: true, note: `reused ${DIST_DIR} (built ${builtAt.toISOString()}, newer than every source)`, builtAt };
  }
  log(`building into ${DIST_DIR} (next build, output in ${BUILD_LOG}) ...`);
  const tsconfigBefore = readOrNull("tsconfig.json");
  const nextEnvBefore = readOrNull("next-env.d.ts");
  const started = Date.now();
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    timeout: 180_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  mkdirSync(path.dirname(BUILD_LOG), { recursive: true });
  writeFileSync(BUILD_LOG, `${r.stdout ?? ""}${r.stderr ?? ""}`);
  const undone = undoBuildEdits(tsconfigBefore, nextEnvBefore);
  if (undone.length) log(`restored ${undone.join(" and ")} after the build`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) {
    return { ok: true, note: `built ${DIST_DIR} in ${seconds} s from the working tree`, builtAt: new Date() };
  }
  const why = r.error ? r.error.message : `exit ${r.status}`;
  if (builtAt) {
    return { ok: true, note: `next build FAILED (${why}, see ${BUILD_LOG}): measured the previous build of ${builtAt.toISOString()}`, builtAt };
  }
  return { ok: false, note: `next build FAILED (${why}, see ${BUILD_LOG}) and no earlier build exists: HTTP benchmarks skipped` };
}
