import { beforeAll, describe, expect, it } from "vitest";
import { adminCount, createFirstAdmin } from "../../lib/admins/service";
import { getDb } from "../../lib/db/client";
import { createScratchDatabase, useDatabase } from "../helpers/db";
import { expectAppError, newAccount } from "../helpers/fixtures";

// The one-time set-up reads the global admins table ("does any administrator exist?"), so this file
// runs against a database of its own: the shared one always has administrators in it.

beforeAll(async () => {
  await useDatabase(await createScratchDatabase("first_admin", { migrate: true }));
});

describe("createFirstAdmin", () => {
  it("refuses bad input without creating anything", async () => {
    const account = await newAccount("setup-bad");
    await expectAppError(createFirstAdmin(account.id, { email: "nope", password: "long enough pw" }), "invalid_request", "email");
    await expectAppError(createFirstAdmin(account.id, { email: "a@example.test", password: "short" }), "invalid_request", "password");
    expect(await adminCount()).toBe(0);
  });

  it("creates exactly one Super Administrator when called concurrently, then stays closed", async () => {
    const account = await newAccount("setup");
    expect(await adminCount()).toBe(0);

    const results = await Promise.all(
      ["one", "two", "three", "four"].map((who) =>
        createFirstAdmin(account.id, { email: `${who}@example.test`, password: "correct horse battery" }),
      ),
    );
    const created = results.filter((r) => r !== null);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ accountId: account.id, role: "super_admin" });
    expect(await adminCount()).toBe(1);

    const audit = await getDb().auditLog.findMany({ where: { accountId: account.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "admin.create", actorType: "system", objectId: created[0]!.id });

    expect(await createFirstAdmin(account.id, { email: "late@example.test", password: "correct horse battery" })).toBeNull();
    expect(await adminCount()).toBe(1);
  });
});
