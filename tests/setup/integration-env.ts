import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db/client";

// Points the app's own database client (lib/db/client.ts reads DATABASE_URL lazily) at the run's
// database before a test file first uses it, and closes its pool when the file is done.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await disconnectDb();
});
