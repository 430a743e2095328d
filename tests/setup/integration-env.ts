import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb, getDb } from "../../lib/db/client";
import { setEnv } from "../../lib/env";

// Points the app's own database client (lib/db/client.ts reads DATABASE_URL lazily) at the run's
// database before a test file first uses it, and closes its pool when the file is done.
// Signing keys are encrypted with a key derived from AUTH_SECRET and read for every account at
// once: every file on the shared database must use the same one.
setEnv({ DATABASE_URL: inject("databaseUrl"), AUTH_SECRET: "gatepost-integration-tests-auth-secret-0123456789" });

// Opens a few pool connections up front: on a busy machine, forking fresh PostgreSQL backends for
// a burst of concurrent transactions can outlast Prisma's 2 s wait for a connection (maxWait).
beforeAll(async () => {
  await Promise.all(Array.from({ length: 6 }, () => getDb().$queryRaw`SELECT 1`));
});

afterAll(async () => {
  await disconnectDb();
});
