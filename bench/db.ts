import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";

// The bench talks to two databases (one per server under test) through the app's own domain
// functions, which reach the database through getDb(). getDb() keeps its client in
// globalThis.gatepostDb: for the duration of one call, another client stands in there.

export function prismaFor(url: string, opts: { logQueries?: boolean } = {}): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 4 }),
    ...(opts.logQueries ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  });
}

/** Runs `fn` with the app's getDb() answering `client`; calls must not overlap (the bench awaits each). */
export async function onDatabase<T>(client: PrismaClient, fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as unknown as { gatepostDb?: unknown };
  const previous = holder.gatepostDb;
  holder.gatepostDb = client;
  try {
    return await fn();
  } finally {
    holder.gatepostDb = previous;
  }
}
