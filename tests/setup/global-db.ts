import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

// One PostgreSQL for the whole integration run: TEST_DATABASE_URL when set (e.g. the machine's
// postgresql://postgres@127.0.0.1:5432/test), otherwise an embedded PostgreSQL in a temporary
// directory, so that `npm test` needs nothing installed. Migrations are applied once here.

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database every integration file shares (unique data per test, never truncated). */
    databaseUrl: string;
    /** Prefix of the databases tests create for themselves on the same server; dropped at teardown. */
    scratchPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  // The app's logger is created when lib/logger is first imported: keep this process quiet.
  const savedLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "warn";
  const { startEmbeddedPostgres } = await import("../../lib/db/embedded");
  const { applyMigrations } = await import("../../lib/db/migrate");
  if (savedLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = savedLevel;

  const scratchPrefix = `gp_t_${randomBytes(4).toString("hex")}`;
  let databaseUrl: string;
  let stop: () => Promise<void>;

  if (process.env.TEST_DATABASE_URL) {
    databaseUrl = process.env.TEST_DATABASE_URL;
    stop = () => dropScratchDatabases(databaseUrl, scratchPrefix);
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gatepost-test-"));
    // mkdtemp makes the directory 0700; as root, PostgreSQL runs as the "postgres" user and must
    // be able to enter it.
    await chmod(dir, 0o755);
    const db = await startEmbeddedPostgres(dir);
    databaseUrl = db.url;
    stop = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }

  await applyMigrations(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("scratchPrefix", scratchPrefix);
  return stop;
}

async function dropScratchDatabases(url: string, prefix: string): Promise<void> {
  const u = new URL(url);
  u.pathname = "/postgres";
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${prefix}\\_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
