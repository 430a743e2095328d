import { describe, expect, it } from "vitest";
import { getDb } from "../../lib/db/client";
import { DURATION_FORMAT_HINT } from "../../lib/service-tokens/duration";
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
import {
  auditRows,
  expectAppError,
  HOUR_MS,
  newTenant,
  rawToken,
  sha256,
  storedTokenCount,
  unique,
  YEAR_MS,
} from "../helpers/fixtures";
import { sharedDatabaseUrl, withPg } from "../helpers/db";

// The service-token domain functions against a real PostgreSQL: what they return and, read back
// with the Prisma client, what they store.

const CLIENT_ID = /^[0-9a-f]{32}\.access$/;
const SECRET = /^[0-9a-f]{64}$/;

/** Puts a token's expiry where a test needs it, bypassing the service. */
async function setExpiry(id: string, expiresAt: Date | null) {
  await getDb().serviceToken.update({ where: { id }, data: { expiresAt } });
}

/** Records a use of the previous secret as the validator does, behind the service's back. */
async function setPreviousSecretLastSeen(id: string, at: Date, ip: string) {
  await withPg(sharedDatabaseUrl(), (c) =>
    c.query("UPDATE service_tokens SET previous_secret_last_seen_at = $2, previous_secret_last_seen_ip = $3 WHERE id = $1", [id, at, ip]),
  );
}

describe("createServiceToken", () => {
  it("returns the secret once and stores only its SHA-256 digest", async () => {
    const { admin } = await newTenant();
    const name = unique("ci deploy");
    const { token, clientSecret } = await createServiceToken(admin, { name, duration: "8760h" });

    expect(clientSecret).toMatch(SECRET);
    expect(token.clientId).toMatch(CLIENT_ID);
    expect(token).not.toHaveProperty("secretHash");
    expect(token).not.toHaveProperty("previousSecretHash");
    expect(JSON.stringify(token)).not.toContain(clientSecret);

    const row = await rawToken(token.id);
    expect(row).not.toBeNull();
    expect(row!.secretHash).toBe(sha256(clientSecret));
    expect(row!.previousSecretHash).toBeNull();
    for (const [column, value] of Object.entries(row!)) {
      expect(String(value), `column ${column}`).not.toContain(clientSecret);
    }
    expect(row).toMatchObject({ name, clientSecretVersion: 1, enabled: true, lastSeenAt: null, previousSecretExpiresAt: null });
    expect(token.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("sets expires_at to created_at + duration, and to null for forever", async () => {
    const { admin } = await newTenant();
    const year = await createServiceToken(admin, { name: unique("year"), duration: "8760h" });
    const short = await createServiceToken(admin, { name: unique("short"), duration: "2h45m" });
    const forever = await createServiceToken(admin, { name: unique("forever"), duration: "forever" });

    expect(year.token.expiresAt!.getTime() - year.token.createdAt.getTime()).toBe(YEAR_MS);
    expect(short.token.expiresAt!.getTime() - short.token.createdAt.getTime()).toBe(2 * HOUR_MS + 45 * 60_000);
    expect(forever.token.expiresAt).toBeNull();
    expect((await rawToken(forever.token.id))!.expiresAt).toBeNull();
    expect((await rawToken(short.token.id))!.duration).toBe("2h45m");
  });

  it("defaults the duration to 8760h and trims the name", async () => {
    const { admin } = await newTenant();
    const name = unique("trimmed");
    const { token } = await createServiceToken(admin, { name: `  ${name}  ` });
    expect(token.name).toBe(name);
    expect(token.duration).toBe("8760h");
    expect(token.expiresAt!.getTime() - token.createdAt.getTime()).toBe(YEAR_MS);
  });

  it("gives every token its own client id and secret", async () => {
    const { admin } = await newTenant();
    const made = [];
    for (let i = 0; i < 10; i++) made.push(await createServiceToken(admin, { name: "same name" }));
    expect(new Set(made.map((m) => m.token.clientId)).size).toBe(10);
    expect(new Set(made.map((m) => m.clientSecret)).size).toBe(10);
    expect((await storedTokenCount(admin.accountId)).counter).toBe(10);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(256) }, "name"],
    [{ name: 42 }, "name"],
    [{ name: "ok", duration: "30d" }, "duration"],
    [{ name: "ok", duration: "1y" }, "duration"],
    [{ name: "ok", duration: "0s" }, "duration"],
    [{ name: "ok", duration: "-5h" }, "duration"],
    [{ name: "ok", duration: 3600 }, "duration"],
  ])("refuses %j as invalid_request naming %s, and stores nothing", async (input, field) => {
    const { admin } = await newTenant();
    await expectAppError(createServiceToken(admin, input as never), "invalid_request", field);
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 0, actual: 0 });
    expect(await auditRows(admin.accountId)).toHaveLength(0);
  });

  it("names the accepted format when it refuses a duration", async () => {
    const { admin } = await newTenant();
    const error = await expectAppError(createServiceToken(admin, { name: "x", duration: "30d" }), "invalid_request", "duration");
    expect(error.message).toContain(DURATION_FORMAT_HINT);
  });
});

describe("getServiceToken", () => {
  it("returns the token without any secret or digest", async () => {
    const { admin } = await newTenant();
    const { token, clientSecret } = await createServiceToken(admin, { name: unique("get") });
    const got = await getServiceToken(admin, token.id);
    expect(got).toEqual(token);
    const text = JSON.stringify(got);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toContain(sha256(clientSecret));
  });

  it.each(["not-a-uuid", "", "00000000-0000-0000-0000-000000000000'; --", "123"])(
    "answers not_found for the malformed id %j",
    async (id) => {
      const { admin } = await newTenant();
      await expectAppError(getServiceToken(admin, id), "not_found");
    },
  );

  it("answers not_found for an unknown id", async () => {
    const { admin } = await newTenant();
    await expectAppError(getServiceToken(admin, crypto.randomUUID()), "not_found");
  });
});

describe("updateServiceToken", () => {
  it("renames and records the new name", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("old") });
    const name = unique("new");
    const updated = await updateServiceToken(admin, token.id, { name });
    expect(updated.name).toBe(name);
    expect(updated.expiresAt).toEqual(token.expiresAt);
    expect((await rawToken(token.id))!.name).toBe(name);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(token.updatedAt.getTime());
  });

  it("extends a future token from its expires_at by the new duration", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("extend"), duration: "8760h" });
    const updated = await updateServiceToken(admin, token.id, { duration: "17520h" });
    expect(updated.duration).toBe("17520h");
    expect(updated.expiresAt!.getTime()).toBe(token.expiresAt!.getTime() + 2 * YEAR_MS);
  });

  it("extends an expired token from now by the new duration", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("expired"), duration: "1h" });
    await setExpiry(token.id, new Date(Date.now() - 10 * HOUR_MS));
    const before = Date.now();
    const updated = await updateServiceToken(admin, token.id, { duration: "2h" });
    const after = Date.now();
    expect(updated.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 2 * HOUR_MS);
    expect(updated.expiresAt!.getTime()).toBeLessThanOrEqual(after + 2 * HOUR_MS);
  });

  it("makes a token non-expiring with forever, and a forever token finite from now", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("f"), duration: "8760h" });
    const forever = await updateServiceToken(admin, token.id, { duration: "forever" });
    expect(forever.expiresAt).toBeNull();
    expect((await rawToken(token.id))!.expiresAt).toBeNull();

    const before = Date.now();
    const finite = await updateServiceToken(admin, token.id, { duration: "24h" });
    expect(finite.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 24 * HOUR_MS);
    expect(finite.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);
  });

  it("changes nothing when the stored duration is repeated (GET then PUT is idempotent)", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("same"), duration: "8760h" });
    const stored = await rawToken(token.id);
    const again = await updateServiceToken(admin, token.id, { name: token.name, duration: token.duration, enabled: token.enabled });
    expect(again.expiresAt).toEqual(token.expiresAt);
    expect(await rawToken(token.id)).toEqual(stored);
    expect(await auditRows(admin.accountId, token.id)).toHaveLength(1); // the create only
  });

  it("disables and re-enables", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("toggle") });
    expect((await updateServiceToken(admin, token.id, { enabled: false })).enabled).toBe(false);
    expect((await rawToken(token.id))!.enabled).toBe(false);
    expect((await updateServiceToken(admin, token.id, { enabled: true })).enabled).toBe(true);
    expect((await rawToken(token.id))!.enabled).toBe(true);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "y".repeat(256) }, "name"],
    [{ duration: "30d" }, "duration"],
    [{ duration: "300ms" }, "duration"],
    [{ enabled: "false" }, "enabled"],
    [{ enabled: 0 }, "enabled"],
  ])("refuses %j as invalid_request naming %s, and changes nothing", async (input, field) => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("bad-update") });
    const stored = await rawToken(token.id);
    await expectAppError(updateServiceToken(admin, token.id, input as never), "invalid_request", field);
    expect(await rawToken(token.id)).toEqual(stored);
    expect(await auditRows(admin.accountId, token.id)).toHaveLength(1);
  });

  it("answers not_found for malformed and unknown ids", async () => {
    const { admin } = await newTenant();
    await expectAppError(updateServiceToken(admin, "nope", { name: "x" }), "not_found");
    await expectAppError(updateServiceToken(admin, crypto.randomUUID(), { name: "x" }), "not_found");
  });
});

describe("refreshServiceToken", () => {
  it("adds 8760h to the expiry of a token that has not expired", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("refresh"), duration: "24h" });
    const refreshed = await refreshServiceToken(admin, token.id);
    expect(refreshed.expiresAt!.getTime()).toBe(token.expiresAt!.getTime() + YEAR_MS);
    expect((await rawToken(token.id))!.expiresAt).toEqual(refreshed.expiresAt);
    expect(refreshed.duration).toBe("24h");
  });

  it("gives an expired token 8760h from now", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("refresh-expired"), duration: "1h" });
    await setExpiry(token.id, new Date(Date.now() - 30 * 24 * HOUR_MS));
    const before = Date.now();
    const refreshed = await refreshServiceToken(admin, token.id);
    expect(refreshed.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + YEAR_MS);
    expect(refreshed.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + YEAR_MS);
  });

  it("leaves a forever token non-expiring and unchanged", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("refresh-forever"), duration: "forever" });
    const stored = await rawToken(token.id);
    const refreshed = await refreshServiceToken(admin, token.id);
    expect(refreshed.expiresAt).toBeNull();
    expect(await rawToken(token.id)).toEqual(stored);
  });

  it("answers not_found for malformed and unknown ids", async () => {
    const { admin } = await newTenant();
    await expectAppError(refreshServiceToken(admin, "1"), "not_found");
    await expectAppError(refreshServiceToken(admin, crypto.randomUUID()), "not_found");
  });
});

describe("rotateServiceTokenSecret", () => {
  it("issues a new secret under the same client id and bumps the version", async () => {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("rotate") });
    const rotated = await rotateServiceTokenSecret(admin, created.token.id);

    expect(rotated.clientSecret).toMatch(SECRET);
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect(rotated.token.clientId).toBe(created.token.clientId);
    expect(rotated.token.clientSecretVersion).toBe(2);

    const row = await rawToken(created.token.id);
    expect(row!.secretHash).toBe(sha256(rotated.clientSecret));
    // No grace period asked for: the old secret dies at once.
    expect(row!.previousSecretHash).toBeNull();
    expect(row!.previousSecretExpiresAt).toBeNull();
    for (const [column, value] of Object.entries(row!)) {
      expect(String(value), `column ${column}`).not.toContain(rotated.clientSecret);
    }
    expect(row!.expiresAt).toEqual(created.token.expiresAt);
  });

  it("keeps the previous digest until the grace period ends", async () => {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("grace") });
    const graceEnd = new Date(Date.now() + 24 * HOUR_MS);
    const rotated = await rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: graceEnd });

    expect(rotated.token.previousSecretExpiresAt).toEqual(graceEnd);
    const row = await rawToken(created.token.id);
    expect(row!.secretHash).toBe(sha256(rotated.clientSecret));
    expect(row!.previousSecretHash).toBe(sha256(created.clientSecret));
    expect(row!.previousSecretExpiresAt).toEqual(graceEnd);

    // A second rotation without grace drops the previous secret.
    const again = await rotateServiceTokenSecret(admin, created.token.id);
    expect(again.token.clientSecretVersion).toBe(3);
    const after = await rawToken(created.token.id);
    expect(after!.secretHash).toBe(sha256(again.clientSecret));
    expect(after!.previousSecretHash).toBeNull();
    expect(after!.previousSecretExpiresAt).toBeNull();
  });

  it("treats a grace end in the past as no grace", async () => {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("past-grace") });
    await rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: new Date(Date.now() - 1000) });
    const row = await rawToken(created.token.id);
    expect(row!.previousSecretHash).toBeNull();
    expect(row!.previousSecretExpiresAt).toBeNull();
  });

  it("refuses a grace end that is not a date, and changes nothing", async () => {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("bad-grace") });
    const stored = await rawToken(created.token.id);
    await expectAppError(
      rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: "tomorrow" as never }),
      "invalid_request",
      "previousSecretExpiresAt",
    );
    expect(await rawToken(created.token.id)).toEqual(stored);
  });

  it("forgets the previous secret's last use when a new rotation starts", async () => {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("rotate-usage") });
    await rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: new Date(Date.now() + HOUR_MS) });
    const usedAt = new Date(Date.now() - 60_000);
    await setPreviousSecretLastSeen(created.token.id, usedAt, "10.0.0.7");
    const seen = await getServiceToken(admin, created.token.id);
    expect(seen).toMatchObject({ previousSecretLastSeenAt: usedAt, previousSecretLastSeenIp: "10.0.0.7" });

    const again = await rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: new Date(Date.now() + HOUR_MS) });
    expect(again.token).toMatchObject({ previousSecretLastSeenAt: null, previousSecretLastSeenIp: null });
    expect(await rawToken(created.token.id)).toMatchObject({ previousSecretLastSeenAt: null, previousSecretLastSeenIp: null });

    // Without grace too.
    await setPreviousSecretLastSeen(created.token.id, usedAt, "10.0.0.8");
    await rotateServiceTokenSecret(admin, created.token.id);
    expect(await rawToken(created.token.id)).toMatchObject({ previousSecretLastSeenAt: null, previousSecretLastSeenIp: null });
  });

  it("answers not_found for malformed and unknown ids", async () => {
    const { admin } = await newTenant();
    await expectAppError(rotateServiceTokenSecret(admin, "x"), "not_found");
    await expectAppError(rotateServiceTokenSecret(admin, crypto.randomUUID()), "not_found");
  });
});

describe("setPreviousSecretExpiry", () => {
  async function rotatedWithGrace() {
    const { admin } = await newTenant();
    const created = await createServiceToken(admin, { name: unique("move-grace") });
    await rotateServiceTokenSecret(admin, created.token.id, { previousSecretExpiresAt: new Date(Date.now() + HOUR_MS) });
    return { admin, id: created.token.id, oldDigest: sha256(created.clientSecret) };
  }

  it("moves the end of the grace period", async () => {
    const { admin, id, oldDigest } = await rotatedWithGrace();
    const later = new Date(Date.now() + 7 * 24 * HOUR_MS);
    const moved = await setPreviousSecretExpiry(admin, id, later);
    expect(moved.previousSecretExpiresAt).toEqual(later);
    const row = await rawToken(id);
    expect(row!.previousSecretExpiresAt).toEqual(later);
    expect(row!.previousSecretHash).toBe(oldDigest);
  });

  it("ends the grace period at once for a time in the past", async () => {
    const { admin, id } = await rotatedWithGrace();
    const ended = await setPreviousSecretExpiry(admin, id, new Date(Date.now() - 1000));
    expect(ended.previousSecretExpiresAt).toBeNull();
    const row = await rawToken(id);
    expect(row!.previousSecretHash).toBeNull();
    expect(row!.previousSecretExpiresAt).toBeNull();
  });

  it("forgets the previous secret's last use when the grace period is ended, not when it is moved", async () => {
    const { admin, id } = await rotatedWithGrace();
    const usedAt = new Date(Date.now() - 5 * 60_000);
    await setPreviousSecretLastSeen(id, usedAt, "2001:db8::7");

    const moved = await setPreviousSecretExpiry(admin, id, new Date(Date.now() + 2 * HOUR_MS));
    expect(moved).toMatchObject({ previousSecretLastSeenAt: usedAt, previousSecretLastSeenIp: "2001:db8::7" });

    const ended = await setPreviousSecretExpiry(admin, id, new Date());
    expect(ended).toMatchObject({ previousSecretExpiresAt: null, previousSecretLastSeenAt: null, previousSecretLastSeenIp: null });
    expect(await rawToken(id)).toMatchObject({ previousSecretHash: null, previousSecretLastSeenAt: null, previousSecretLastSeenIp: null });
  });

  it("does nothing to a token that has no previous secret", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("no-previous") });
    const stored = await rawToken(token.id);
    await setPreviousSecretExpiry(admin, token.id, new Date(Date.now() + HOUR_MS));
    expect(await rawToken(token.id)).toEqual(stored);
    expect(await auditRows(admin.accountId, token.id)).toHaveLength(1);
  });

  it("answers not_found for malformed and unknown ids", async () => {
    const { admin } = await newTenant();
    await expectAppError(setPreviousSecretExpiry(admin, "x", new Date()), "not_found");
    await expectAppError(setPreviousSecretExpiry(admin, crypto.randomUUID(), new Date()), "not_found");
  });
});

describe("deleteServiceToken", () => {
  it("removes the row and decrements the account's counter", async () => {
    const { admin } = await newTenant();
    const keep = await createServiceToken(admin, { name: unique("keep") });
    const gone = await createServiceToken(admin, { name: unique("gone") });
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 2, actual: 2 });

    const deleted = await deleteServiceToken(admin, gone.token.id);
    expect(deleted.id).toBe(gone.token.id);
    expect(await rawToken(gone.token.id)).toBeNull();
    expect(await rawToken(keep.token.id)).not.toBeNull();
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 1, actual: 1 });
    await expectAppError(getServiceToken(admin, gone.token.id), "not_found");
  });

  it("answers not_found the second time, without touching the counter", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("twice") });
    await deleteServiceToken(admin, token.id);
    await expectAppError(deleteServiceToken(admin, token.id), "not_found");
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 0, actual: 0 });
  });

  it("answers not_found for a malformed id", async () => {
    const { admin } = await newTenant();
    await expectAppError(deleteServiceToken(admin, "../etc"), "not_found");
  });
});

describe("concurrent writers", () => {
  it("keeps the counter exact under parallel creates and deletes", async () => {
    const { admin } = await newTenant();
    // Fewer at once than the pool has connections: the point is the row lock on the counter, not
    // Prisma's 2 s wait for a free connection on a busy machine.
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => createServiceToken(admin, { name: `par ${i}` })));
    await Promise.all(made.slice(0, 4).map((m) => deleteServiceToken(admin, m.token.id)));
    expect(await storedTokenCount(admin.accountId)).toEqual({ counter: 2, actual: 2 });
    expect((await listServiceTokens(admin)).total).toBe(2);
  });

  it("applies parallel refreshes one after the other", async () => {
    const { admin } = await newTenant();
    const { token } = await createServiceToken(admin, { name: unique("par-refresh"), duration: "24h" });
    await Promise.all([1, 2, 3].map(() => refreshServiceToken(admin, token.id)));
    expect((await rawToken(token.id))!.expiresAt!.getTime()).toBe(token.expiresAt!.getTime() + 3 * YEAR_MS);
  });
});
