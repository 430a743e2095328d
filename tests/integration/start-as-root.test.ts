import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SERVER_ENV, SERVER_NODE_ARGS } from "../../lib/runtime/processes";
import { appEnv, runChild } from "../harness/processes";

// `npm start` run as root with DATA_DIR in a folder the "postgres" user cannot enter (a clone under
// /root, any 0700 folder): it stops at once, before building anything, with one line that says why
// and what to do (not a raw "spawn .../initdb EACCES" stack). As another user the check does not
// apply (PostgreSQL runs as that user), and the start goes on to initialise the database.

const top = mkdtempSync(path.join(os.tmpdir(), "gp-root-only-")); // 0700, owned by the runner
const dataDir = path.join(top, "data");

afterAll(() => {
  chmodSync(top, 0o755);
  rmSync(top, { recursive: true, force: true });
});

describe("npm start from a folder the postgres user cannot enter", () => {
  it("as root: one fatal line naming the folder and what to do, exit 1", async () => {
    const env = appEnv({ ...SERVER_ENV, DATA_DIR: dataDir, PORT: "3999", NEXT_DIST_DIR: ".next-none", LOG_LEVEL: "info" });
    if (process.getuid?.() !== 0) {
      // Not root: nothing to refuse; the check is covered in lib/db/embedded-access.test.ts.
      const { assertPostgresUserCanReach } = await import("../../lib/db/embedded-access");
      expect(() => assertPostgresUserCanReach(dataDir)).not.toThrow();
      return;
    }
    const r = await runChild(process.execPath, [...SERVER_NODE_ARGS], env, 60_000);
    expect(r.code).toBe(1);
    const lines = `${r.stdout}${r.stderr}`.trim().split("\n");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as { level: number; msg: string; err?: unknown };
    expect(line.level).toBe(60);
    expect(line.msg).toContain(`cannot enter ${top}`);
    expect(line.msg).toMatch(/what|chmod o\+x/);
    expect(line).not.toHaveProperty("err");
  }, 90_000);
});
