import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb, getDb } from "../../lib/db/client";

// Points the app's own database client (lib/db/client.ts reads DATABASE_URL lazily) at the run's
// database before a test file first uses it, and closes its pool when the file is done.
process.env.DATABASE_URL = inject("databaseUrl");
// Signing keys are encrypted with a key derived from AUTH_SECRET and read for every account at
// once: every file on the shared database must use the same one.
process.env.AUTH_SECRET = "gatepost-integration-tests-auth-secret-0123456789";

// Opens a few pool connections up front: on a busy machine, forking fresh PostgreSQL backends for
// a burst of concurrent transactions can outlast Prisma's 2 s wait for a connection (maxWait).
beforeAll(async () => {
  await Promise.all(Array.from({ length: 6 }, () => getDb().$queryRaw`SELECT 1`));
});

afterAll(async () => {
  await disconnectDb();
});
