import { describe, expect, it } from "vitest";
import { createApiToken, listApiTokens, revokeApiToken } from "../../lib/api-tokens/service";
import { listAuditLogs } from "../../lib/audit/query";
import { getDb } from "../../lib/db/client";
import {
  createServiceToken,
  deleteServiceToken,
  getServiceToken,
  listServiceTokens,
  refreshServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateServiceToken,
} from "../../lib/service-tokens/service";
import { auditRows, expectAppError, newTenant, rawToken, storedTokenCount, unique } from "../helpers/fixtures";

// Tenancy: an administrator of account A never sees or touches account B's objects. Another
// account's object answers not_found (as if it did not exist), never forbidden.

async function twoTenants() {
  const a = await newTenant("tenant-a");
  const b = await newTenant("tenant-b");
  const bName = unique("b-secret-project");
  const bToken = await createServiceToken(b.admin, { name: bName });
  // B's token in a grace period, so that every write path has something to change.
  await rotateServiceTokenSecret(b.admin, bToken.token.id, { previousSecretExpiresAt: new Date(Date.now() + 3_600_000) });
  return { a, b, bToken: bToken.token, bName };
}

describe("service tokens of another account", () => {
  it("cannot be read, changed, rotated, refreshed or deleted, and stay exactly as they were", async () => {
    const { a, b, bToken } = await twoTenants();
    const stored = await rawToken(bToken.id);
    const bAudit = await auditRows(b.account.id);

    await expectAppError(getServiceToken(a.admin, bToken.id), "not_found");
    await expectAppError(updateServiceToken(a.admin, bToken.id, { name: "pwned", enabled: false, duration: "1h" }), "not_found");
    await expectAppError(refreshServiceToken(a.admin, bToken.id), "not_found");
    await expectAppError(rotateServiceTokenSecret(a.admin, bToken.id), "not_found");
    await expectAppError(setPreviousSecretExpiry(a.admin, bToken.id, new Date(0)), "not_found");
    await expectAppError(deleteServiceToken(a.admin, bToken.id), "not_found");

    expect(await rawToken(bToken.id)).toEqual(stored);
    expect(await auditRows(b.account.id)).toEqual(bAudit);
    expect(await auditRows(a.account.id)).toEqual([]);
    expect(await storedTokenCount(b.account.id)).toEqual({ counter: 1, actual: 1 });
    expect(await storedTokenCount(a.account.id)).toEqual({ counter: 0, actual: 0 });
  });

  it("never appear in a list, whatever the search, name filter, sort or page", async () => {
    const { a, bToken, bName } = await twoTenants();
    await createServiceToken(a.admin, { name: unique("a-own") });

    const queries = [
      {},
      { search: bName },
      { search: bToken.clientId },
      { search: bToken.clientId.slice(0, 8) },
      { name: bName },
      { sort: "name" as const, order: "asc" as const, perPage: 1000 },
      { page: 2, perPage: 1 },
    ];
    for (const q of queries) {
      const list = await listServiceTokens(a.admin, q);
      expect(list.items.map((t) => t.id), JSON.stringify(q)).not.toContain(bToken.id);
    }
    expect((await listServiceTokens(a.admin)).total).toBe(1);
    expect((await listServiceTokens(a.admin, { search: bName })).total).toBe(0);
  });
});

describe("audit logs of another account", () => {
  it("are invisible, even when asked for by object id, action or actor", async () => {
    const { a, b, bToken } = await twoTenants();
    await createServiceToken(a.admin, { name: unique("a-token") });

    const own = await listAuditLogs(a.admin, { perPage: 200 });
    expect(own.items.every((r) => r.accountId === a.account.id)).toBe(true);
    expect(own.total).toBe(1);

    expect((await listAuditLogs(a.admin, { objectId: bToken.id })).items).toEqual([]);
    expect((await listAuditLogs(a.admin, { action: "service_token.rotate" })).items).toEqual([]);
    expect((await listAuditLogs(a.admin, { search: b.admin.email })).items).toEqual([]);

    // B sees its own trail for the same query.
    expect((await listAuditLogs(b.admin, { objectId: bToken.id })).total).toBe(2);
  });
});

describe("API tokens of another account", () => {
  it("cannot be listed or revoked", async () => {
    const a = await newTenant("api-a");
    const b = await newTenant("api-b");
    const { token } = await createApiToken(b.admin, { name: unique("b-api"), permissions: ["Access: Service Tokens Read"] });

    expect((await listApiTokens(a.admin)).items.map((t) => t.id)).not.toContain(token.id);
    await expectAppError(revokeApiToken(a.admin, token.id), "not_found");
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokedAt).toBeNull();
  });
});
