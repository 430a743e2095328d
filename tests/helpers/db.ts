import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { disconnectDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { setEnv } from "../../lib/env";

// Databases of the run. Most tests share the one from the global set-up; the few that need a
// database to themselves (first administrator, migrations, schema drift, CLI) create one on the
// same server, named with the run's prefix so that teardown can drop them.

export const sharedDatabaseUrl = (): string => inject("databaseUrl");

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createScratchDatabase(label: string, opts: { migrate?: boolean } = {}): Promise<string> {
  const name = `${inject("scratchPrefix")}_${label}_${randomBytes(4).toString("hex")}`.toLowerCase();
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad scratch database label: ${label}`);
  const admin = new pg.Client({ connectionString: withDatabase(sharedDatabaseUrl(), "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(sharedDatabaseUrl(), name);
  if (opts.migrate) await applyMigrations(url);
  return url;
}

/** Re-points the app's database client (getDb) at `url`, for a file that owns a scratch database. */
export async function useDatabase(url: string): Promise<void> {
  await disconnectDb();
  setEnv({ DATABASE_URL: url });
}

export { withPg } from "../harness/pg";
