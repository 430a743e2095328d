import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { getEnv } from "../env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { gatepostDb?: PrismaClient };

/** The process-wide Prisma client. DATABASE_URL is filled by the launcher for the embedded database. */
export function getDb(): PrismaClient {
  if (globalForDb.gatepostDb) return globalForDb.gatepostDb;
  const url = getEnv().DATABASE_URL;
  // PrismaPg silently falls back to localhost:5432 without a connection string: refuse instead.
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  globalForDb.gatepostDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  return globalForDb.gatepostDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.gatepostDb?.$disconnect();
  globalForDb.gatepostDb = undefined;
}
