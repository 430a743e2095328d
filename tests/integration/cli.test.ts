import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, withPg } from "../helpers/db";
import { childEnv, runChild, type ChildResult } from "../harness/processes";
import { sha256 } from "../helpers/fixtures";

// `npm run cli -- ...` as a user runs it, on a fresh database (the CLI applies the migrations):
// only the asked-for value on stdout, messages and logs on stderr, exit 0 or 1.

let url: string;
let dataDir: string;

beforeAll(async () => {
  url = await createScratchDatabase("cli");
  dataDir = await mkdtemp(path.join(os.tmpdir(), "gp-cli-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<ChildResult> {
  // Logs on (info): they must still stay off stdout.
  return runChild("npm", ["run", "-s", "cli", "--", ...args], childEnv({ DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: "info" }));
}

describe("npm run cli", () => {
  // Child processes (npm, tsx) are slow on a busy machine: a generous timeout of its own.
  it("creates an account, refuses a bad administrator and creates an API token, each printing only its value", { timeout: 240_000 }, async () => {
    const account = await cli("account", "create", "--name", "CLI account");
    expect(account.code, account.stderr).toBe(0);
    expect(account.stdout).toMatch(/^[0-9a-f]{32}\n$/);
    const accountId = account.stdout.trim();

    const [badAdmin, apiToken] = await Promise.all([
      cli("admin", "create", "--email", "ops@example.test", "--password", "tiny-pw1", "--role", "super_admin", "--account", accountId),
      cli("api-token", "create", "--name", "ci", "--permission", "Access: Service Tokens Write", "--account", accountId, "--expires-in", "720h"),
    ]);

    expect(badAdmin.code).toBe(1);
    expect(badAdmin.stdout).toBe("");
    expect(badAdmin.stderr).toMatch(/password/);
    expect(badAdmin.stderr).not.toContain("tiny-pw1");

    expect(apiToken.code, apiToken.stderr).toBe(0);
    expect(apiToken.stdout).toMatch(/^[A-Za-z0-9_-]{40}\n$/);
    const value = apiToken.stdout.trim();
    expect(apiToken.stderr).not.toContain(value);

    await withPg(url, async (c) => {
      const { rows: accounts } = await c.query(`SELECT id, name FROM accounts WHERE id = $1`, [accountId]);
      expect(accounts).toEqual([{ id: accountId, name: "CLI account" }]);
      const { rows: admins } = await c.query(`SELECT count(*)::int AS n FROM admins`);
      expect(admins[0].n).toBe(0);
      const { rows: tokens } = await c.query(`SELECT token_hash, permissions, account_id, expires_at FROM api_tokens`);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ token_hash: sha256(value), permissions: ["Access: Service Tokens Write"], account_id: accountId });
      const days = (new Date(tokens[0].expires_at).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
    });
  });
});
