import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isAlive } from "../../tests/harness/processes";

// One end-to-end run at a time per checkout: a second run could rebuild the shared test build
// under the first one's server, and each clears test-results/ when it starts. Taken when the
// config loads, before Playwright clears anything; released when the process exits. A second run
// waits.

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function acquireRunLock(root: string, waitMs = 20 * 60_000): void {
  const file = path.join(os.tmpdir(), `gatepost-e2e-${createHash("sha1").update(root).digest("hex").slice(0, 12)}.lock`);
  const me = String(process.pid);
  const until = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      writeFileSync(file, me, { flag: "wx" });
      process.once("exit", () => {
        try {
          if (readFileSync(file, "utf8") === me) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(file, "utf8"));
    } catch {
      continue; // Released between our two calls.
    }
    // The config is loaded again in this process, or in a worker of the run that holds the lock.
    if (holder === process.pid || holder === process.ppid) return;
    if (!isAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > until) throw new Error(`another end-to-end run (pid ${holder}) still holds ${file}`);
    if (!announced) process.stderr.write(`[e2e] waiting for the end-to-end run of pid ${holder} in this checkout to finish\n`);
    announced = true;
    sleep(2000);
  }
}
