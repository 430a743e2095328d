import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getAccountSettings, updateAccountSettings } from "../../lib/access/account-settings";
import { listAccessLogs, recordAccessAttempt } from "../../lib/access/access-log";
import { accessLogToApi, accountSettingsToApi, keySettingsToApi } from "../../lib/access/api-shape";
import { getKeySettings, recordKeyRotation, updateKeySettings } from "../../lib/access/keys-settings";
import { getDb } from "../../lib/db/client";
import { adminActor, apiTokenActor, auditRows, expectAppError, newTenant } from "../helpers/fixtures";

// Signing-key settings, the account's strict mode, and the authentication log, against a real
// PostgreSQL.

const DAY_MS = 24 * 3600 * 1000;

describe("signing-key settings", () => {
  it("reports the defaults without writing anything", async () => {
    const { account, admin } = await newTenant();
    expect(await getKeySettings(admin)).toEqual({
      keyRotationIntervalDays: 42,
      lastKeyRotationAt: null,
      nextKeyRotationAt: null,
      daysUntilNextRotation: 42,
    });
    expect(await getDb().accessKeySettings.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("changes the interval, audits the change, and does nothing for the same value", async () => {
    const { account, admin } = await newTenant();
    const updated = await updateKeySettings(admin, { key_rotation_interval_days: 90 });
    expect(updated).toMatchObject({ keyRotationIntervalDays: 90, daysUntilNextRotation: 90 });
    expect((await getKeySettings(admin)).keyRotationIntervalDays).toBe(90);
    await updateKeySettings(admin, { key_rotation_interval_days: 90 });

    const audits = await auditRows(account.id);
    expect(audits.map((a) => a.action)).toEqual(["access_keys.update"]);
    expect(audits[0]).toMatchObject({ objectType: "access_keys", objectId: account.id, before: { key_rotation_interval_days: 42 }, after: { key_rotation_interval_days: 90 } });
  });

  it.each<[unknown]>([[0], [366], [1.5], ["7"], [null], [undefined]])("rejects key_rotation_interval_days %j and changes nothing", async (days) => {
    const { account, admin } = await newTenant();
    await updateKeySettings(admin, { key_rotation_interval_days: 10 });
    await expectAppError(updateKeySettings(admin, { key_rotation_interval_days: days } as never), "invalid_request", "key_rotation_interval_days");
    expect((await getKeySettings(admin)).keyRotationIntervalDays).toBe(10);
    expect(await auditRows(account.id)).toHaveLength(1);
  });

  it("accepts the bounds 1 and 365", async () => {
    const { admin } = await newTenant();
    expect((await updateKeySettings(admin, { key_rotation_interval_days: 1 })).keyRotationIntervalDays).toBe(1);
    expect((await updateKeySettings(admin, { key_rotation_interval_days: 365 })).keyRotationIntervalDays).toBe(365);
  });

  it("counts down from the last rotation recorded by the key service", async () => {
    const { account, admin } = await newTenant();
    await updateKeySettings(admin, { key_rotation_interval_days: 30 });
    const rotatedAt = new Date(Date.now() - 10 * DAY_MS - 60_000);
    await getDb().$transaction((tx) => recordKeyRotation(tx, account.id, rotatedAt));
    const settings = await getKeySettings(admin);
    expect(settings).toMatchObject({ keyRotationIntervalDays: 30, lastKeyRotationAt: rotatedAt, daysUntilNextRotation: 20 });
    expect(settings.nextKeyRotationAt).toEqual(new Date(rotatedAt.getTime() + 30 * DAY_MS));
    expect(keySettingsToApi(settings)).toEqual({
      key_rotation_interval_days: 30,
      last_key_rotation_at: rotatedAt.toISOString(),
      days_until_next_rotation: 20,
    });
  });

  it("creates the row on a first rotation too", async () => {
    const { account, admin } = await newTenant();
    const at = new Date();
    const view = await getDb().$transaction((tx) => recordKeyRotation(tx, account.id, at));
    expect(view).toMatchObject({ keyRotationIntervalDays: 42, lastKeyRotationAt: at, daysUntilNextRotation: 42 });
    expect((await getKeySettings(admin)).lastKeyRotationAt).toEqual(at);
  });

  it("is per account, readable by readers and changeable only with apps:write", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    await updateKeySettings(a.admin, { key_rotation_interval_days: 7 });
    expect((await getKeySettings(b.admin)).keyRotationIntervalDays).toBe(42);

    const readOnly = adminActor(a.account.id, "read_only");
    expect((await getKeySettings(readOnly)).keyRotationIntervalDays).toBe(7);
    await expectAppError(updateKeySettings(readOnly, { key_rotation_interval_days: 8 }), "forbidden");
    await expectAppError(updateKeySettings(apiTokenActor(a.account.id, ["Access: Apps and Policies Read"]), { key_rotation_interval_days: 8 }), "forbidden");
    const writer = apiTokenActor(a.account.id, ["Access: Apps and Policies Write"]);
    expect((await updateKeySettings(writer, { key_rotation_interval_days: 8 })).keyRotationIntervalDays).toBe(8);
  });
});

describe("account settings: strict_service_token_auth", () => {
  it("is off by default, turned on by a Super Administrator, audited, per account", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    expect(await getAccountSettings(a.admin)).toEqual({ strictServiceTokenAuth: false });
    expect(await updateAccountSettings(a.admin, { strict_service_token_auth: true })).toEqual({ strictServiceTokenAuth: true });
    expect(await getAccountSettings(a.admin)).toEqual({ strictServiceTokenAuth: true });
    expect(await getAccountSettings(b.admin)).toEqual({ strictServiceTokenAuth: false });
    await updateAccountSettings(a.admin, { strict_service_token_auth: true });

    const audits = await auditRows(a.account.id);
    expect(audits.map((x) => x.action)).toEqual(["account_settings.update"]);
    expect(audits[0]).toMatchObject({ before: { strict_service_token_auth: false }, after: { strict_service_token_auth: true } });
    expect(accountSettingsToApi(await getAccountSettings(a.admin))).toEqual({ strict_service_token_auth: true });
  });

  it("refuses anyone without settings:write and a non-boolean value", async () => {
    const { account, admin } = await newTenant();
    for (const actor of [adminActor(account.id, "access_admin"), adminActor(account.id, "read_only"), apiTokenActor(account.id, ["Access: Apps and Policies Write"])]) {
      await expectAppError(updateAccountSettings(actor, { strict_service_token_auth: true }), "forbidden");
    }
    await expectAppError(updateAccountSettings(admin, { strict_service_token_auth: "yes" } as never), "invalid_request", "strict_service_token_auth");
    expect(await getAccountSettings(admin)).toEqual({ strictServiceTokenAuth: false });
    expect(await auditRows(account.id)).toHaveLength(0);
  });
});

describe("access log", () => {
  it("records an attempt with every field and returns it", async () => {
    const { account, admin } = await newTenant();
    const appId = randomUUID();
    const tokenId = randomUUID();
    const { id, rayId } = await recordAccessAttempt({
      accountId: account.id,
      allowed: true,
      reason: "ok",
      appId,
      appDomain: "app.example.test",
      serviceTokenId: tokenId,
      clientId: "0123456789abcdef0123456789abcdef.access",
      ipAddress: "192.0.2.10",
      userAgent: "curl/8.5.0",
    });
    expect(id).toMatch(/^\d+$/);
    expect(rayId).toMatch(/^[0-9a-f]{16}$/);
    const [row] = await listAccessLogs(admin);
    expect(row).toMatchObject({
      id,
      allowed: true,
      reason: "ok",
      appId,
      appDomain: "app.example.test",
      serviceTokenId: tokenId,
      clientId: "0123456789abcdef0123456789abcdef.access",
      ipAddress: "192.0.2.10",
      userAgent: "curl/8.5.0",
      rayId,
    });
    expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(accessLogToApi(row)).toEqual({
      created_at: row.createdAt.toISOString(),
      allowed: true,
      reason: "ok",
      app_uid: appId,
      app_domain: "app.example.test",
      service_token_id: tokenId,
      client_id: "0123456789abcdef0123456789abcdef.access",
      ip_address: "192.0.2.10",
      user_agent: "curl/8.5.0",
      ray_id: rayId,
      count: 1,
    });
  });

  it("stores odd client input instead of failing: long strings clipped, malformed ids dropped", async () => {
    const { account, admin } = await newTenant();
    await recordAccessAttempt({
      accountId: account.id,
      allowed: false,
      reason: "unknown_client_id",
      appId: "not-a-uuid",
      serviceTokenId: "also not",
      clientId: "x".repeat(5000),
      userAgent: "u".repeat(5000),
      rayId: "r".repeat(100),
    });
    const [row] = await listAccessLogs(admin);
    expect(row).toMatchObject({ allowed: false, reason: "unknown_client_id", appId: null, serviceTokenId: null, appDomain: null, ipAddress: null });
    expect(row.clientId).toHaveLength(255);
    expect(row.userAgent).toHaveLength(512);
    expect(row.rayId).toHaveLength(32);
  });

  it("writes inside a caller's transaction, and rolls back with it", async () => {
    const { account, admin } = await newTenant();
    await expect(
      getDb().$transaction(async (tx) => {
        await recordAccessAttempt({ accountId: account.id, allowed: false, reason: "expired" }, tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await listAccessLogs(admin)).toEqual([]);
  });

  it("filters by time (inclusive), orders both ways, limits and pages", async () => {
    const { account, admin } = await newTenant();
    const base = Date.parse("2025-06-01T00:00:00Z");
    for (let i = 0; i < 30; i++) {
      await recordAccessAttempt({ accountId: account.id, allowed: i % 2 === 0, reason: i % 2 === 0 ? "ok" : "denied_by_policy", createdAt: new Date(base + i * 60_000), rayId: `ray${i}` });
    }
    const newest = await listAccessLogs(admin);
    expect(newest).toHaveLength(25);
    expect(newest[0].rayId).toBe("ray29");
    expect(newest[24].rayId).toBe("ray5");

    const window = await listAccessLogs(admin, { since: new Date(base + 10 * 60_000), until: new Date(base + 12 * 60_000).toISOString(), direction: "asc" });
    expect(window.map((r) => r.rayId)).toEqual(["ray10", "ray11", "ray12"]);

    expect((await listAccessLogs(admin, { limit: 3, direction: "asc" })).map((r) => r.rayId)).toEqual(["ray0", "ray1", "ray2"]);
    expect((await listAccessLogs(admin, { limit: 3, direction: "asc", page: 2 })).map((r) => r.rayId)).toEqual(["ray3", "ray4", "ray5"]);
    expect(await listAccessLogs(admin, { limit: "1000" })).toHaveLength(30);
    expect((await listAccessLogs(admin, { allowed: false, limit: 100 })).every((r) => r.reason === "denied_by_policy")).toBe(true);
    expect(await listAccessLogs(admin, { since: new Date(base + 3600_000) })).toEqual([]);
  });

  it("filters by service token and by application", async () => {
    const { account, admin } = await newTenant();
    const token = randomUUID();
    const app = randomUUID();
    await recordAccessAttempt({ accountId: account.id, allowed: true, reason: "ok", serviceTokenId: token, appId: app });
    await recordAccessAttempt({ accountId: account.id, allowed: false, reason: "expired", serviceTokenId: token });
    await recordAccessAttempt({ accountId: account.id, allowed: true, reason: "ok", serviceTokenId: randomUUID(), appId: app });
    expect((await listAccessLogs(admin, { serviceTokenId: token })).map((r) => r.reason).sort()).toEqual(["expired", "ok"]);
    expect(await listAccessLogs(admin, { appId: app })).toHaveLength(2);
    expect(await listAccessLogs(admin, { serviceTokenId: token, appId: app })).toHaveLength(1);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ limit: 0 }, "limit"],
    [{ limit: 1001 }, "limit"],
    [{ direction: "sideways" }, "direction"],
    [{ since: "last tuesday" }, "since"],
    [{ since: "2025-02-01T00:00:00Z", until: "2025-01-01T00:00:00Z" }, "until"],
    [{ serviceTokenId: "x" }, "serviceTokenId"],
  ])("rejects %j naming the field", async (input, field) => {
    const { admin } = await newTenant();
    await expectAppError(listAccessLogs(admin, input as never), "invalid_request", field);
  });

  it("shows an account only its own attempts, and only to holders of audit:read", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    await recordAccessAttempt({ accountId: a.account.id, allowed: true, reason: "ok" });
    expect(await listAccessLogs(b.admin)).toEqual([]);
    expect(await listAccessLogs(adminActor(a.account.id, "read_only"))).toHaveLength(1);
    expect(await listAccessLogs(apiTokenActor(a.account.id, ["Access: Audit Logs Read"]))).toHaveLength(1);
    await expectAppError(listAccessLogs(apiTokenActor(a.account.id, ["Access: Apps and Policies Write"])), "forbidden");
  });
});
