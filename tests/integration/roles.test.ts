import { describe, expect, it } from "vitest";
import { createAdmin } from "../../lib/admins/service";
import { createApiToken } from "../../lib/api-tokens/service";
import { listAuditLogs } from "../../lib/audit/query";
import type { Actor } from "../../lib/auth/actor";
import type { Role } from "../../lib/auth/permissions";
import { getDb } from "../../lib/db/client";
import {
  createServiceToken,
  deleteServiceToken,
  getServiceToken,
  listServiceTokens,
  refreshServiceToken,
  rotateServiceTokenSecret,
  updateServiceToken,
} from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, auditRows, expectAppError, newAccount, rawToken, unique } from "../helpers/fixtures";

// Each role against each operation, enforced by the domain functions themselves (not only by the
// pages), and a refused call leaves no trace: the row is unchanged and no audit row is written.

type Operation = "list" | "get" | "create" | "update" | "refresh" | "rotate" | "delete" | "audit read" | "createApiToken" | "createAdmin";

// Written out from the README's role descriptions on purpose (not derived from lib/auth/permissions.ts), so that a change
// to the role table has to be made here as well.
const ALLOWED: Record<Role, Operation[]> = {
  super_admin: ["list", "get", "create", "update", "refresh", "rotate", "delete", "audit read", "createApiToken", "createAdmin"],
  access_admin: ["list", "get", "create", "update", "refresh", "rotate", "delete", "audit read"],
  read_only: ["list", "get", "audit read"],
};
const OPERATIONS: Operation[] = ["list", "get", "create", "update", "refresh", "rotate", "delete", "audit read", "createApiToken", "createAdmin"];

function run(op: Operation, actor: Actor, tokenId: string, marker: string): Promise<unknown> {
  switch (op) {
    case "list":
      return listServiceTokens(actor);
    case "get":
      return getServiceToken(actor, tokenId);
    case "create":
      return createServiceToken(actor, { name: marker });
    case "update":
      return updateServiceToken(actor, tokenId, { name: marker, enabled: false, duration: "17520h" });
    case "refresh":
      return refreshServiceToken(actor, tokenId);
    case "rotate":
      return rotateServiceTokenSecret(actor, tokenId, { previousSecretExpiresAt: new Date(Date.now() + 3_600_000) });
    case "delete":
      return deleteServiceToken(actor, tokenId);
    case "audit read":
      return listAuditLogs(actor);
    case "createApiToken":
      return createApiToken(actor, { name: marker, permissions: ["Access: Service Tokens Read"] });
    case "createAdmin":
      return createAdmin(actor, { email: `${marker}@example.test`, password: "correct horse battery", role: "read_only" });
  }
}

/** Everything a refused call could have touched in the account. */
async function snapshot(accountId: string, tokenId: string, marker: string) {
  const db = getDb();
  const [token, audit, account, tokens, apiTokens, admins] = await Promise.all([
    rawToken(tokenId),
    auditRows(accountId),
    db.account.findUniqueOrThrow({ where: { id: accountId } }),
    db.serviceToken.count({ where: { accountId } }),
    db.apiToken.count({ where: { accountId } }),
    db.admin.count({ where: { OR: [{ accountId }, { email: `${marker}@example.test` }] } }),
  ]);
  return { token, audit, account, tokens, apiTokens, admins };
}

async function setUp() {
  const account = await newAccount("roles");
  const owner = adminActor(account.id, "super_admin");
  const { token } = await createServiceToken(owner, { name: unique("target") });
  return { account, token, marker: unique("marker") };
}

describe.each(["super_admin", "access_admin", "read_only"] as const)("role %s", (role) => {
  for (const op of OPERATIONS) {
    const allowed = ALLOWED[role].includes(op);
    it(`${allowed ? "may" : "may not"} ${op}`, async () => {
      const { account, token, marker } = await setUp();
      const actor = adminActor(account.id, role);
      const before = await snapshot(account.id, token.id, marker);

      if (allowed) {
        await expect(run(op, actor, token.id, marker)).resolves.toBeDefined();
        return;
      }
      await expectAppError(run(op, actor, token.id, marker), "forbidden");
      expect(await snapshot(account.id, token.id, marker)).toEqual(before);
    });
  }
});

describe("allowed writes take effect", () => {
  it("an Access Administrator's edit changes the row and is audited under that administrator", async () => {
    const { account, token, marker } = await setUp();
    const actor = adminActor(account.id, "access_admin");
    await run("update", actor, token.id, marker);
    const row = await rawToken(token.id);
    expect(row).toMatchObject({ name: marker, enabled: false, duration: "17520h" });
    const last = (await auditRows(account.id, token.id)).at(-1)!;
    expect(last).toMatchObject({ actorType: "admin", actorId: actor.adminId, actorLabel: actor.email, action: "service_token.update" });
  });
});

describe("API tokens get their capabilities from permission groups", () => {
  const cases: [string[], Operation, boolean][] = [
    [["Access: Service Tokens Read"], "list", true],
    [["Access: Service Tokens Read"], "create", false],
    [["Access: Service Tokens Read"], "delete", false],
    [["Access: Service Tokens Write"], "create", true],
    [["Access: Service Tokens Write"], "rotate", true],
    [["Access: Service Tokens Write"], "audit read", false],
    [["Access: Audit Logs Read"], "audit read", true],
    [["Access: Audit Logs Read"], "get", false],
    [["Access: Apps and Policies Write"], "update", false],
    [["Notifications Write"], "refresh", false],
    [["Access: Service Tokens Write"], "createApiToken", false],
    [["Access: Service Tokens Write"], "createAdmin", false],
    [["Not A Group"], "list", false],
    [[], "list", false],
  ];
  it.each(cases)("%j → %s allowed: %s", async (permissions, op, allowed) => {
    const { account, token, marker } = await setUp();
    const actor = apiTokenActor(account.id, permissions);
    if (allowed) {
      await expect(run(op, actor, token.id, marker)).resolves.toBeDefined();
      return;
    }
    const before = await snapshot(account.id, token.id, marker);
    await expectAppError(run(op, actor, token.id, marker), "forbidden");
    expect(await snapshot(account.id, token.id, marker)).toEqual(before);
  });
});

describe("a refused call is refused before its input is looked at", () => {
  it("answers forbidden, not invalid_request, to a read-only administrator sending bad input", async () => {
    const account = await newAccount("roles-order");
    const actor = adminActor(account.id, "read_only");
    await expectAppError(createServiceToken(actor, { name: "" }), "forbidden");
    await expectAppError(updateServiceToken(actor, "not-a-uuid", { duration: "1y" }), "forbidden");
  });
});
