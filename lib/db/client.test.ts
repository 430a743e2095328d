import { afterAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { disconnectDb, forbidPrisma, getDb, getPool } from "./client";

// The validating process (server.ts) forbids Prisma: its first query would load the query compiler
// for good. Its statements go through the pool instead.

describe("forbidPrisma", () => {
  afterAll(() => disconnectDb());

  it("makes getDb() throw, naming the process, while the pool stays available", () => {
    setEnv({ DATABASE_URL: "postgres://gatepost@127.0.0.1:1/never-connected" });
    forbidPrisma("the validating process (test)");
    expect(() => getDb()).toThrow("the validating process (test) runs no Prisma query: use getPool()");
    expect(getPool()).toBe(getPool());
  });
});
