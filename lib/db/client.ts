import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { getEnv } from "../env";
import { logger } from "../logger";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { gatepostDb?: PrismaClient; gatepostPool?: pg.Pool; gatepostNoPrisma?: string };

/**
 * From now on getDb() throws, naming `processName`: for the validating front (server.ts), whose
 * statements all go through getPool. A Prisma query there would load the query compiler for good.
 */
export function forbidPrisma(processName: string): void {
  globalForDb.gatepostNoPrisma = processName;
}

/**
 * The process-wide connection pool, which the Prisma client also uses. The validating process runs
 * its few statements on it directly: a first Prisma query loads Prisma's query compiler (a wasm
 * module, ~80 MB of memory measured), which that process does not need.
 */
export function getPool(): pg.Pool {
  if (globalForDb.gatepostPool) return globalForDb.gatepostPool;
  const url = getEnv().DATABASE_URL;
  // PrismaPg silently falls back to localhost:5432 without a connection string: refuse instead.
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  // The pool is ours (not the adapter's) so that the metrics can read how busy it is.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that breaks (PostgreSQL restarted or stopping) is an 'error' event of the
  // pool: without a listener Node ends the process on it. The pool drops that connection and opens
  // another for the next query, whose own failure goes to its caller.
  pool.on("error", (err) => logger.warn({ err: { message: err.message } }, "an idle database connection broke"));
  globalForDb.gatepostPool = pool;
  return pool;
}

/** The process-wide Prisma client. DATABASE_URL is filled by the launcher for the embedded database. */
export function getDb(): PrismaClient {
  if (globalForDb.gatepostNoPrisma) throw new Error(`${globalForDb.gatepostNoPrisma} runs no Prisma query: use getPool()`);
  if (globalForDb.gatepostDb) return globalForDb.gatepostDb;
  globalForDb.gatepostDb = new PrismaClient({
    adapter: new PrismaPg(getPool()),
    // Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) fail a start-up or a
    // request on a busy machine (seen: the first transaction of a fresh database took 5.5 s under
    // load). Locks are taken inside transactions, so a slow one delays others but never corrupts.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  return globalForDb.gatepostDb;
}

/** The pool's connections: open, idle, and requests waiting for one; null before the first query. */
export function databasePoolStats(): { total: number; idle: number; waiting: number } | null {
  const p = globalForDb.gatepostPool;
  return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount } : null;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.gatepostDb?.$disconnect();
  await globalForDb.gatepostPool?.end().catch(() => undefined);
  globalForDb.gatepostDb = undefined;
  globalForDb.gatepostPool = undefined;
}
