import { builtAt, ensureBuilt } from "../../lib/runtime/build";
import { ROOT } from "./processes";

// The one production build of a test run, shared by the API, validation and end-to-end suites:
// one folder, built when a source is newer (lib/runtime/build.ts), under a lock so that suites
// started side by side wait for the first one's build instead of making their own.

/** TEST_DIST_DIR: a folder of its own, for a run beside another one in the same checkout. */
export const TEST_DIST_DIR = process.env.TEST_DIST_DIR ?? ".next-test";

/**
 * Builds TEST_DIST_DIR unless it is current. API_TEST_SKIP_BUILD=1 or E2E_SKIP_BUILD=1 serve
 * whatever it holds, without comparing it with the sources (quick reruns while editing tests).
 */
export async function ensureTestBuild(log: (line: string) => void = (line) => process.stderr.write(`[build] ${line}\n`)): Promise<void> {
  if ((process.env.API_TEST_SKIP_BUILD === "1" || process.env.E2E_SKIP_BUILD === "1") && builtAt(TEST_DIST_DIR, ROOT)) {
    log(`reusing ${TEST_DIST_DIR} as it is (a *_SKIP_BUILD variable is set)`);
    return;
  }
  await ensureBuilt(TEST_DIST_DIR, { root: ROOT, env: { NEXT_TELEMETRY_DISABLED: "1" }, log });
}

// `npm test` builds once, before the suites start side by side: `tsx tests/harness/build.ts`.
if (require.main === module) {
  ensureTestBuild().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
