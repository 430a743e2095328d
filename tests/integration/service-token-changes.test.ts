import { describe, expect, it } from "vitest";
import {
  createServiceToken,
  getServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateOrRotateServiceToken,
} from "../../lib/service-tokens/service";
import { auditRows, expectAppError, HOUR_MS, newTenant, rawToken, sha256, unique } from "../helpers/fixtures";
import { getDb } from "../../lib/db/client";

// Changes that do several things at once (the REST API's PUT, a create with enabled: false) are one
// transaction each: a refusal changes nothing. Concurrent rotations rotate once; every other one is
// a conflict. Grace periods are bounded in the domain, for the dashboard and the API alike.

const DAY_MS = 24 * HOUR_MS;

async function tokenOf(label: string, duration = "8760h") {
  const { admin, account } = await newTenant();
  const created = await createServiceToken(admin, { name: unique(label), duration });
  return { admin, accountId: account.id, ...created };
}

describe("create with enabled: false", () => {
  it("stores a disabled token in one step, with one audit row", async () => {
    const { admin } = await newTenant();
    const { token, clientSecret } = await createServiceToken(admin, { name: unique("off"), enabled: false });
    expect(token.enabled).toBe(false);
    expect(await rawToken(token.id)).toMatchObject({ enabled: false, secretHash: sha256(clientSecret) });
    const rows = await auditRows(admin.accountId, token.id);
    expect(rows.map((r) => r.action)).toEqual(["service_token.create"]);
    expect(rows[0].after).toMatchObject({ enabled: false });
  });

  it("refuses an enabled that is not a boolean, storing nothing", async () => {
    const { admin } = await newTenant();
    await expectAppError(createServiceToken(admin, { name: "x", enabled: "false" as never }), "invalid_request", "enabled");
    expect(await auditRows(admin.accountId)).toHaveLength(0);
  });
});

describe("updateOrRotateServiceToken: one transaction", () => {
  it("changes nothing when the version is refused, not even the rename asked with it", async () => {
    const { admin, accountId, token } = await tokenOf("atomic");
    const stored = await rawToken(token.id);
    await expectAppError(updateOrRotateServiceToken(admin, token.id, { name: "renamed", clientSecretVersion: 3 }), "invalid_request", "clientSecretVersion");
    await expectAppError(
      updateOrRotateServiceToken(admin, token.id, { name: "renamed", duration: "17520h", clientSecretVersion: 2, previousSecretExpiresAt: new Date(Date.now() + 40 * DAY_MS) }),
      "invalid_request",
      "previousSecretExpiresAt",
    );
    expect(await rawToken(token.id)).toEqual(stored);
    expect(await auditRows(accountId, token.id)).toHaveLength(1);
  });

  it("changes nothing when it loses a race to a rotation, not even the rename", async () => {
    const { admin, accountId, token } = await tokenOf("race");
    const requestedAt = new Date();
    await rotateServiceTokenSecret(admin, token.id);
    const stored = await rawToken(token.id);
    const error = await expectAppError(updateOrRotateServiceToken(admin, token.id, { name: "renamed", clientSecretVersion: 2, requestedAt }), "conflict");
    expect(error.message).toBe("conflict: client_secret_version is now 2; another rotation happened first");
    expect(await rawToken(token.id)).toEqual(stored);
    expect((await auditRows(accountId, token.id)).map((r) => r.action)).toEqual(["service_token.create", "service_token.rotate"]);
  });

  it("renames and rotates together, each step audited, and answers the new secret", async () => {
    const { admin, accountId, token, clientSecret } = await tokenOf("both");
    const graceEnd = new Date(Date.now() + 2 * HOUR_MS);
    const changed = await updateOrRotateServiceToken(admin, token.id, { name: "both renamed", clientSecretVersion: 2, previousSecretExpiresAt: graceEnd });
    expect(changed.clientSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(changed.token).toMatchObject({ name: "both renamed", clientSecretVersion: 2, previousSecretExpiresAt: graceEnd });
    expect(await rawToken(token.id)).toMatchObject({ secretHash: sha256(changed.clientSecret!), previousSecretHash: sha256(clientSecret) });
    const rows = await auditRows(accountId, token.id);
    expect(rows.map((r) => r.action)).toEqual(["service_token.create", "service_token.update", "service_token.rotate"]);
    expect(rows[1].after).toMatchObject({ name: "both renamed", client_secret_version: 1 });
    expect(rows[2].after).toMatchObject({ name: "both renamed", client_secret_version: 2 });
  });

  it("treats the stored version as a no-op when it was made before the request began (GET-then-PUT)", async () => {
    const { admin, accountId, token } = await tokenOf("get-then-put");
    await rotateServiceTokenSecret(admin, token.id);
    const got = await getServiceToken(admin, token.id);
    const again = await updateOrRotateServiceToken(admin, token.id, { name: got.name, duration: got.duration, enabled: got.enabled, clientSecretVersion: 2 });
    expect(again).toEqual({ token: got, clientSecret: null });
    const stale = await updateOrRotateServiceToken(admin, token.id, { clientSecretVersion: 1 });
    expect(stale.clientSecret).toBeNull();
    expect(await auditRows(accountId, token.id)).toHaveLength(2);
  });

  it("of six concurrent bumps to version 2, rotates exactly once and refuses the other five, every time", async () => {
    for (let round = 0; round < 5; round++) {
      const { admin, token } = await tokenOf(`six-${round}`);
      const requestedAt = new Date();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () => updateOrRotateServiceToken(admin, token.id, { clientSecretVersion: 2, requestedAt })),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won, `round ${round}`).toHaveLength(1);
      expect((won[0] as PromiseFulfilledResult<{ clientSecret: string | null }>).value.clientSecret).toMatch(/^[0-9a-f]{64}$/);
      for (const lost of outcomes.filter((o) => o.status === "rejected")) {
        expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
      }
      expect((await rawToken(token.id))!.clientSecretVersion).toBe(2);
    }
  });
});

describe("the grace period of a rotation is bounded", () => {
  it("refuses a grace end more than 30 days ahead, on rotate, on a PUT and when moved", async () => {
    const { admin, token } = await tokenOf("far");
    const far = new Date(Date.now() + 30 * DAY_MS + 60_000);
    await expectAppError(rotateServiceTokenSecret(admin, token.id, { previousSecretExpiresAt: far }), "invalid_request", "previousSecretExpiresAt");
    await expectAppError(updateOrRotateServiceToken(admin, token.id, { clientSecretVersion: 2, previousSecretExpiresAt: far }), "invalid_request", "previousSecretExpiresAt");
    await rotateServiceTokenSecret(admin, token.id, { previousSecretExpiresAt: new Date(Date.now() + 30 * DAY_MS - 60_000) });
    await expectAppError(setPreviousSecretExpiry(admin, token.id, far), "invalid_request", "previousSecretExpiresAt");
    await expectAppError(updateOrRotateServiceToken(admin, token.id, { previousSecretExpiresAt: new Date("9999-12-31T23:59:59Z") }), "invalid_request", "previousSecretExpiresAt");
    expect((await rawToken(token.id))!.clientSecretVersion).toBe(2);
  });

  it("refuses a grace end after the token's own expiry, judged on the expiry the same change sets", async () => {
    const { admin, token } = await tokenOf("short", "2h");
    const error = await expectAppError(
      rotateServiceTokenSecret(admin, token.id, { previousSecretExpiresAt: new Date(Date.now() + 24 * HOUR_MS) }),
      "invalid_request",
      "previousSecretExpiresAt",
    );
    expect(error.message).toContain(`must not be later than the token's expiry (${token.expiresAt!.toISOString()})`);
    // Extended to 3 days in the same PUT, a 24-hour grace fits.
    const changed = await updateOrRotateServiceToken(admin, token.id, { duration: "72h", clientSecretVersion: 2, previousSecretExpiresAt: new Date(Date.now() + 24 * HOUR_MS) });
    expect(changed.clientSecret).not.toBeNull();
  });

  it("keeps a stored grace end sent back as it is, even once the expiry has moved before it", async () => {
    const { admin, token } = await tokenOf("send-back", "forever");
    const graceEnd = new Date(Date.now() + 20 * DAY_MS);
    await rotateServiceTokenSecret(admin, token.id, { previousSecretExpiresAt: graceEnd });
    await updateOrRotateServiceToken(admin, token.id, { duration: "1h" });
    const got = await getServiceToken(admin, token.id);
    expect(got.expiresAt!.getTime()).toBeLessThan(graceEnd.getTime());
    expect((await updateOrRotateServiceToken(admin, token.id, { duration: got.duration, previousSecretExpiresAt: graceEnd })).token).toEqual(got);
  });

  it("still ends a grace period at once with a time in the past, whatever the expiry", async () => {
    const { admin, token } = await tokenOf("end", "2h");
    await rotateServiceTokenSecret(admin, token.id, { previousSecretExpiresAt: new Date(Date.now() + HOUR_MS) });
    await getDb().serviceToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ended = await setPreviousSecretExpiry(admin, token.id, new Date());
    expect(ended.previousSecretExpiresAt).toBeNull();
  });
});
