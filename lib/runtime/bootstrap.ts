import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setUpFirstAdmin } from "../admins/service";
import { ensureSigningKeysOfAllAccounts } from "../access/signing-keys";
import { ensureDefaultAccount } from "../accounts/service";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { applyMigrations } from "../db/migrate";
import { getEnv, setEnv } from "../env";
import { logger } from "../logger";

// Start-up steps shared by the server, the CLI and the tests: database up, migrations applied,
// secrets in place, default account and first administrator present.

/** Starts (or connects to) the database, applies migrations and sets DATABASE_URL for the app. */
export async function prepareDatabase(opts: { reuseRunning?: boolean } = {}): Promise<EmbeddedDatabase> {
  const env = getEnv();
  let db: EmbeddedDatabase;
  if (env.DATABASE_URL) {
    db = { url: env.DATABASE_URL, stop: async () => undefined };
  } else {
    db = await startEmbeddedPostgres(env.dataDir, { reuseRunning: opts.reuseRunning, port: env.EMBEDDED_PG_PORT });
    setEnv({ DATABASE_URL: db.url });
  }
  await applyMigrations(db.url);
  return db;
}

/** AUTH_SECRET, or one generated once and kept in DATA_DIR (never printed). */
export async function ensureAuthSecret(): Promise<void> {
  const env = getEnv();
  if (env.AUTH_SECRET) return;
  const file = path.join(env.dataDir, "auth-secret");
  await mkdir(env.dataDir, { recursive: true });
  if (!existsSync(file)) await writeFile(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  setEnv({ AUTH_SECRET: (await readFile(file, "utf8")).trim() });
}

/**
 * The default account with its first signing key, and the first Super Administrator from
 * ADMIN_EMAIL + ADMIN_PASSWORD: the same steps as the set-up page (setUpFirstAdmin), which refuses
 * once any administrator exists.
 */
export async function seedFromEnv(): Promise<void> {
  const env = getEnv();
  await ensureDefaultAccount();
  await ensureSigningKeysOfAllAccounts();
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const admin = await setUpFirstAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    if (admin) logger.info({ adminId: admin.id }, "first administrator created from ADMIN_EMAIL");
  }
}
