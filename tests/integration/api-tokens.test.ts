import { describe, expect, it } from "vitest";
import { createApiToken, expiryFromDuration, hashApiToken, listApiTokens, revokeApiToken } from "../../lib/api-tokens/service";
import { PERMISSION_GROUP_NAMES } from "../../lib/auth/permissions";
import { getDb } from "../../lib/db/client";
import { auditRows, expectAppError, newTenant, sha256, unique } from "../helpers/fixtures";

// API tokens for the REST API: shown once, stored as a SHA-256 digest, scoped to one account.

describe("createApiToken", () => {
  it("returns a 40-character value once and stores only its digest", async () => {
    const { account, admin } = await newTenant("api");
    const name = unique("ci");
    const { token, value } = await createApiToken(admin, { name, permissions: ["Access: Service Tokens Write"] });

    expect(value).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(JSON.stringify(token)).not.toContain(value);
    expect(token).not.toHaveProperty("tokenHash");
    expect(token).toMatchObject({ name, permissions: ["Access: Service Tokens Write"], expiresAt: null, createdBy: admin.email, revokedAt: null });

    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.accountId).toBe(account.id);
    expect(row.tokenHash).toBe(sha256(value));
    expect(hashApiToken(value)).toBe(sha256(value));
    for (const [column, v] of Object.entries(row)) expect(String(v), `column ${column}`).not.toContain(value);
  });

  it("gives every token its own value", async () => {
    const { admin } = await newTenant("api-unique");
    const values = new Set<string>();
    for (let i = 0; i < 8; i++) values.add((await createApiToken(admin, { name: "same", permissions: ["Notifications Read"] })).value);
    expect(values.size).toBe(8);
  });

  it("accepts every permission group by its Cloudflare name and drops duplicates", async () => {
    const { admin } = await newTenant("api-groups");
    const { token } = await createApiToken(admin, {
      name: unique("all"),
      permissions: [...PERMISSION_GROUP_NAMES, "Access: Service Tokens Read"],
    });
    expect([...token.permissions].sort()).toEqual([...PERMISSION_GROUP_NAMES].sort());
  });

  it.each([
    [{ permissions: ["Access: Everything"] }, "permissions"],
    [{ permissions: ["access: service tokens read"] }, "permissions"],
    [{ permissions: [] }, "permissions"],
    [{ name: "" }, "name"],
    [{ name: "n".repeat(256) }, "name"],
    [{ expiresAt: "2999-01-01" }, "expiresAt"],
  ])("refuses %j naming %s, and stores nothing", async (override, field) => {
    const { account, admin } = await newTenant("api-bad");
    const input = { name: "ok", permissions: ["Access: Service Tokens Read"], ...override };
    const error = await expectAppError(createApiToken(admin, input as never), "invalid_request", field);
    if ("permissions" in override && override.permissions.length > 0) {
      expect(error.message).toContain("Access: Service Tokens Read");
    }
    expect(await getDb().apiToken.count({ where: { accountId: account.id } })).toBe(0);
    expect(await auditRows(account.id)).toEqual([]);
  });

  it("refuses an expiry in the past, and accepts one in the future", async () => {
    const { account, admin } = await newTenant("api-expiry");
    await expectAppError(
      createApiToken(admin, { name: "old", permissions: ["Notifications Read"], expiresAt: new Date(Date.now() - 1000) }),
      "invalid_request",
      "expiresAt",
    );
    expect(await getDb().apiToken.count({ where: { accountId: account.id } })).toBe(0);

    const later = new Date(Date.now() + 3_600_000);
    const { token } = await createApiToken(admin, { name: "new", permissions: ["Notifications Read"], expiresAt: later });
    expect(token.expiresAt).toEqual(later);
  });
});

describe("expiryFromDuration (the CLI's --expires-in)", () => {
  it("adds a Go duration to now, and refuses zero", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    expect(expiryFromDuration("720h", now).toISOString()).toBe("2030-01-31T00:00:00.000Z");
    expect(expiryFromDuration("1h30m", now).toISOString()).toBe("2030-01-01T01:30:00.000Z");
    expect(() => expiryFromDuration("0s", now)).toThrow(/expires-in/);
  });
});

describe("revokeApiToken and listApiTokens", () => {
  it("revokes a token: it leaves the list and cannot be revoked twice", async () => {
    const { admin } = await newTenant("api-revoke");
    const keep = await createApiToken(admin, { name: unique("keep"), permissions: ["Notifications Read"] });
    const drop = await createApiToken(admin, { name: unique("drop"), permissions: ["Notifications Read"] });
    expect((await listApiTokens(admin)).items.map((t) => t.id).sort()).toEqual([keep.token.id, drop.token.id].sort());

    const revoked = await revokeApiToken(admin, drop.token.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: drop.token.id } });
    expect(row.revokedAt).not.toBeNull();
    expect((await listApiTokens(admin)).items.map((t) => t.id)).toEqual([keep.token.id]);

    await expectAppError(revokeApiToken(admin, drop.token.id), "not_found");
    await expectAppError(revokeApiToken(admin, "not-a-uuid"), "not_found");
    await expectAppError(revokeApiToken(admin, crypto.randomUUID()), "not_found");
  });

  it("lists no token value or digest", async () => {
    const { admin } = await newTenant("api-list");
    const { value } = await createApiToken(admin, { name: unique("listed"), permissions: ["Notifications Read"] });
    const text = JSON.stringify(await listApiTokens(admin));
    expect(text).not.toContain(value);
    expect(text).not.toContain(sha256(value));
  });
});
