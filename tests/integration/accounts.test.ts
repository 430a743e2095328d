import { describe, expect, it } from "vitest";
import { createAccount } from "../../lib/accounts/service";
import { auditRows, expectAppError, unique } from "../helpers/fixtures";

// Accounts are made by the system (the CLI), never by an administrator of another account; the
// creation opens the new account's audit log.

const cli = { kind: "system", label: "cli" } as const;

describe("createAccount", () => {
  it("creates the account and records who did, in its own audit log", async () => {
    const name = unique("Acme");
    const account = await createAccount(cli, { name: `  ${name} ` });
    expect(account).toMatchObject({ name });
    expect(account.id).toMatch(/^[0-9a-f]{32}$/);
    const audits = await auditRows(account.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "account.create",
      objectType: "account",
      objectId: account.id,
      objectName: name,
      actorType: "system",
      actorLabel: "cli",
      after: { name },
    });
  });

  it.each([[""], ["   "], ["n".repeat(256)], ["nul\u0000byte"], ["lone \ud800 surrogate"]])("refuses the name %j, naming the field", async (name) => {
    await expectAppError(createAccount(cli, { name }), "invalid_request", "name");
  });
});
