import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { nextProcessEnv } from "../env";

// The production build: `next build` into a folder, done again only when a source file is newer
// than that folder's BUILD_ID. One rule for `npm start` (server.ts), the tests and the benchmarks;
// each of them names its folder (NEXT_DIST_DIR), so that they never rebuild under each other.

/** What the build is made of, relative to the project root. lib/generated is derived from prisma/. */
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "proxy.ts", "instrumentation-client.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const GENERATED = path.join("lib", "generated");

function newestMtime(p: string): number {
  if (!existsSync(p) || p.endsWith(GENERATED)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

const buildIdFile = (distDir: string, root: string) => path.resolve(root, distDir, "BUILD_ID");

/** When the build in `distDir` was made, or null when there is none. */
export function builtAt(distDir: string, root = process.cwd()): Date | null {
  const file = buildIdFile(distDir, root);
  return existsSync(file) ? statSync(file).mtime : null;
}

/** A build in `distDir` newer than every source file. */
export function buildIsCurrent(distDir: string, root = process.cwd()): boolean {
  const at = builtAt(distDir, root);
  return at !== null && at.getTime() >= Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
}

function readOrNull(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/**
 * A build into a folder other than `.next` may add `<folder>/types/**` to tsconfig.json's include
 * (this project's tsconfig extends another, which Next leaves alone) and points next-env.d.ts at
 * the folder. Both are shared files, and tsconfig.json is a source: put them back as they were
 * (tsconfig.json with its mtime, or every build would look stale; next-env.d.ts removed if it was
 * not there, or the type check would fail once the folder is gone), but only when the build's edit
 * is the sole difference, so that a concurrent edit by a person is never overwritten.
 */
function snapshotSharedFiles(root: string, distDir: string): () => void {
  const tsconfig = path.join(root, "tsconfig.json");
  const nextEnv = path.join(root, "next-env.d.ts");
  const tsconfigBefore = readOrNull(tsconfig);
  const tsconfigTimes = existsSync(tsconfig) ? statSync(tsconfig) : null;
  const nextEnvBefore = readOrNull(nextEnv);
  return () => {
    const tsconfigAfter = readOrNull(tsconfig);
    if (tsconfigBefore !== null && tsconfigAfter !== null && tsconfigAfter !== tsconfigBefore && tsconfigTimes) {
      try {
        const before = JSON.parse(tsconfigBefore) as { include?: string[] };
        const after = JSON.parse(tsconfigAfter) as { include?: string[] };
        after.include = after.include?.filter((p) => !p.startsWith(`${distDir}/`));
        if (isDeepStrictEqual(before, after)) {
          writeFileSync(tsconfig, tsconfigBefore);
          utimesSync(tsconfig, tsconfigTimes.atime, tsconfigTimes.mtime);
        }
      } catch {
        // Not plain JSON (comments): leave it for a person to look at.
      }
    }
    const nextEnvAfter = readOrNull(nextEnv);
    if (distDir !== ".next" && nextEnvAfter !== null && nextEnvAfter !== nextEnvBefore && nextEnvAfter.includes(distDir)) {
      if (nextEnvBefore === null) rmSync(nextEnv, { force: true });
      else writeFileSync(nextEnv, nextEnvBefore);
    }
  };
}

export interface BuildResult {
  ok: boolean;
  seconds: number;
  /** What next build printed, when captured. */
  output: string;
  /** Why it failed: the exit code, the signal or the spawn error. */
  failure?: string;
}

/**
 * `next build` into `distDir`. Its output goes to stderr (stdout stays JSON log lines), or is
 * captured and returned with `capture`.
 */
export function runNextBuild(distDir: string, opts: { root?: string; capture?: boolean; timeoutMs?: number; env?: Record<string, string> } = {}): BuildResult {
  const root = opts.root ?? process.cwd();
  const restore = snapshotSharedFiles(root, distDir);
  const started = Date.now();
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: root,
    env: nextProcessEnv({ ...opts.env, NEXT_DIST_DIR: distDir }),
    ...(opts.capture ? { encoding: "utf8" as const, maxBuffer: 64 * 1024 * 1024 } : { stdio: ["ignore", 2, 2] as ["ignore", number, number] }),
    timeout: opts.timeoutMs,
  });
  restore();
  const seconds = (Date.now() - started) / 1000;
  const output = opts.capture ? `${r.stdout ?? ""}${r.stderr ?? ""}` : "";
  if (r.status === 0) return { ok: true, seconds, output };
  return { ok: false, seconds, output, failure: r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit ${r.status}` };
}

/**
 * `tsc --noEmit` on the project: `next build` does not check types (next.config.ts), so `npm start`
 * runs this before every build it makes. Its report goes to stderr.
 */
export function typeCheck(root = process.cwd(), opts: { quiet?: boolean } = {}): { ok: boolean; failure?: string } {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"], {
    cwd: root,
    stdio: opts.quiet ? "ignore" : ["ignore", 2, 2],
  });
  if (r.status === 0) return { ok: true };
  return { ok: false, failure: r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit ${r.status}` };
}

/**
 * `npm start`: builds `distDir` unless it is current (or `skip` and a build exists), after a type
 * check: a tree with type errors is never built, so never served.
 */
export function buildIfStale(distDir: string, opts: { skip?: boolean; onBuild?: () => void; root?: string; quietTypeCheck?: boolean } = {}): void {
  const root = opts.root ?? process.cwd();
  if (opts.skip && builtAt(distDir, root) !== null) return;
  if (buildIsCurrent(distDir, root)) return;
  opts.onBuild?.();
  const checked = typeCheck(root, { quiet: opts.quietTypeCheck });
  if (!checked.ok) throw new Error(`the type check failed (${checked.failure}): not building or serving this tree; the errors are printed above`);
  const r = runNextBuild(distDir, { root });
  if (!r.ok) throw new Error(`next build failed (${r.failure})`);
}

const LOCK_STALE_MS = 10 * 60_000;
const LOCK_WAIT_MS = 15 * 60_000;

/**
 * Builds `distDir` unless it is current, under a lock folder beside it: processes that share the
 * folder (the test suites of one `npm test`, run side by side) wait for the first one's build,
 * then find it current. A lock older than any build is left over from a killed run.
 */
export async function ensureBuilt(
  distDir: string,
  opts: { root?: string; env?: Record<string, string>; log?: (line: string) => void } = {},
): Promise<"current" | BuildResult> {
  const root = opts.root ?? process.cwd();
  const lock = path.resolve(root, `${distDir}.lock`);
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`waited too long for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (buildIsCurrent(distDir, root)) return "current";
    opts.log?.(`building the application into ${distDir} (next build)`);
    const r = runNextBuild(distDir, { root, capture: true, env: opts.env });
    if (!r.ok) throw new Error(`next build into ${distDir} failed (${r.failure}):\n${r.output}`);
    opts.log?.(`built ${distDir} in ${r.seconds.toFixed(1)} s`);
    return r;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
