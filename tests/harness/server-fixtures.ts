import { createHash, randomBytes, randomUUID } from "node:crypto";
import { withPg } from "./pg";
import { cli } from "./processes";

// Fixtures of the suites that run against a server (gatepost.ts): API tokens made
// with the real CLI, which reuses the running PostgreSQL of the server's DATA_DIR, and the rows
// the CLI cannot make (an expired or revoked token, an account of one file's own) written straight
// into the database, as the domain functions write them.

export async function createApiTokenWithCli(
  dataDir: string,
  opts: { name: string; permissions: string[]; account?: string; expiresIn?: string },
): Promise<string> {
  const args = ["api-token", "create", "--name", opts.name];
  for (const p of opts.permissions) args.push("--permission", p);
  if (opts.account) args.push("--account", opts.account);
  if (opts.expiresIn) args.push("--expires-in", opts.expiresIn);
  return cli(dataDir, args);
}

export function createAccountWithCli(dataDir: string, name: string): Promise<string> {
  return cli(dataDir, ["account", "create", "--name", name]);
}

/**
 * An API token written straight into the database, as createApiToken would write it (same value
 * format, SHA-256 digest), for the fixture variants the CLI cannot make: already expired, revoked.
 * One CLI process costs seconds of CPU; these cost a query.
 */
export async function insertApiToken(
  databaseUrl: string,
  opts: { accountId: string; name: string; permissions: string[]; expiresAt?: Date | null; revoked?: boolean },
): Promise<string> {
  const value = randomBytes(30).toString("base64url");
  await withPg(databaseUrl, (c) =>
    c.query(
      `INSERT INTO api_tokens (id, account_id, name, token_hash, permissions, expires_at, created_by, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'tests/api', CASE WHEN $7 THEN now() END)`,
      [randomUUID(), opts.accountId, opts.name, createHash("sha256").update(value).digest("hex"), opts.permissions, opts.expiresAt ?? null, opts.revoked ?? false],
    ),
  );
  return value;
}

/**
 * An account written straight into the database, as createAccount writes it (32 hex id, a name):
 * for a file whose checks cover a whole account (its singletons, its every row), so that the
 * files running beside it on the same server cannot touch what it checks.
 */
export async function insertAccount(databaseUrl: string, name: string): Promise<string> {
  const id = randomBytes(16).toString("hex");
  await withPg(databaseUrl, (c) => c.query("INSERT INTO accounts (id, name) VALUES ($1, $2)", [id, name]));
  return id;
}
