import { describe, expect, it } from "vitest";
import { createApp } from "../../lib/access/apps";
import { createPolicy } from "../../lib/access/policies";
import { createAdmin } from "../../lib/admins/service";
import { createApiToken, revokeApiToken } from "../../lib/api-tokens/service";
import { listAuditLogs } from "../../lib/audit/query";
import type { Actor } from "../../lib/auth/actor";
import {
  createServiceToken,
  deleteServiceToken,
  refreshServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateServiceToken,
} from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, auditRows, newTenant, sha256, unique } from "../helpers/fixtures";

// The administrators' audit log: exactly one row per write, saying who did what to which object,
// with before/after for edits, and never a secret or a digest of one.

type AuditRow = Awaited<ReturnType<typeof auditRows>>[number];

/** Runs `write` and returns the one audit row it added for `objectId` (failing on zero or several). */
async function onlyNewRow(accountId: string, objectId: string | (() => string), write: () => Promise<unknown>): Promise<AuditRow> {
  const before = await auditRows(accountId);
  await write();
  const added = (await auditRows(accountId)).filter((r) => !before.some((b) => b.id === r.id));
  expect(added, "audit rows written by one call").toHaveLength(1);
  expect(added[0].objectId).toBe(typeof objectId === "function" ? objectId() : objectId);
  return added[0];
}

function expectActor(row: AuditRow, actor: Actor) {
  if (actor.kind === "admin") {
    expect(row).toMatchObject({ actorType: "admin", actorId: actor.adminId, actorLabel: actor.email });
  } else if (actor.kind === "api_token") {
    expect(row).toMatchObject({ actorType: "api_token", actorId: actor.tokenId, actorLabel: `API token "${actor.name}"` });
  }
  expect(row.accountId).toBe(actor.accountId);
  expect(Date.now() - row.createdAt.getTime()).toBeLessThan(60_000);
}

describe("service token writes", () => {
  it("each write of a token's life leaves exactly one row, and no row holds a secret or digest", async () => {
    const { account, admin } = await newTenant("audit");
    const secrets: string[] = [];
    const name = unique("audited");
    let id = "";

    const create = await onlyNewRow(account.id, () => id, async () => {
      const made = await createServiceToken(admin, { name, duration: "8760h" });
      id = made.token.id;
      secrets.push(made.clientSecret);
    });
    expectActor(create, admin);
    expect(create).toMatchObject({ action: "service_token.create", objectType: "service_token", objectName: name, before: null });
    expect(create.after).toMatchObject({ name, duration: "8760h", enabled: true, client_secret_version: 1 });

    const renamed = unique("renamed");
    const rename = await onlyNewRow(account.id, id, () => updateServiceToken(admin, id, { name: renamed }));
    expect(rename).toMatchObject({ action: "service_token.update", objectName: renamed });
    expect(rename.before).toMatchObject({ name });
    expect(rename.after).toMatchObject({ name: renamed });

    const extend = await onlyNewRow(account.id, id, () => updateServiceToken(admin, id, { duration: "17520h" }));
    expect(extend.action).toBe("service_token.update");
    expect(extend.before).toMatchObject({ duration: "8760h" });
    expect(extend.after).toMatchObject({ duration: "17520h" });
    expect((extend.after as { expires_at: string }).expires_at).not.toBe((extend.before as { expires_at: string }).expires_at);

    const disable = await onlyNewRow(account.id, id, () => updateServiceToken(admin, id, { enabled: false }));
    expect(disable.action).toBe("service_token.disable");
    expect(disable.before).toMatchObject({ enabled: true });
    expect(disable.after).toMatchObject({ enabled: false });

    const enable = await onlyNewRow(account.id, id, () => updateServiceToken(admin, id, { enabled: true }));
    expect(enable.action).toBe("service_token.enable");
    expect(enable.after).toMatchObject({ enabled: true });

    const refresh = await onlyNewRow(account.id, id, () => refreshServiceToken(admin, id));
    expect(refresh.action).toBe("service_token.refresh");
    expect(refresh.before).toHaveProperty("expires_at");
    expect(refresh.after).toHaveProperty("expires_at");

    const graceEnd = new Date(Date.now() + 3_600_000);
    const rotate = await onlyNewRow(account.id, id, async () => {
      secrets.push((await rotateServiceTokenSecret(admin, id, { previousSecretExpiresAt: graceEnd })).clientSecret);
    });
    expect(rotate.action).toBe("service_token.rotate");
    expect(rotate.before).toMatchObject({ client_secret_version: 1, previous_client_secret_expires_at: null });
    expect(rotate.after).toMatchObject({ client_secret_version: 2, previous_client_secret_expires_at: graceEnd.toISOString() });

    const moveGrace = await onlyNewRow(account.id, id, () => setPreviousSecretExpiry(admin, id, new Date(Date.now() - 1)));
    expect(moveGrace.action).toBe("service_token.update");
    expect(moveGrace.after).toMatchObject({ previous_client_secret_expires_at: null });

    const rotateAgain = await onlyNewRow(account.id, id, async () => {
      secrets.push((await rotateServiceTokenSecret(admin, id)).clientSecret);
    });
    expect(rotateAgain.after).toMatchObject({ client_secret_version: 3 });

    const del = await onlyNewRow(account.id, id, () => deleteServiceToken(admin, id));
    expectActor(del, admin);
    expect(del).toMatchObject({ action: "service_token.delete", objectName: renamed, after: null });
    expect(del.before).toMatchObject({ name: renamed, client_secret_version: 3 });

    const all = await auditRows(account.id, id);
    expect(all.map((r) => r.action)).toEqual([
      "service_token.create",
      "service_token.update",
      "service_token.update",
      "service_token.disable",
      "service_token.enable",
      "service_token.refresh",
      "service_token.rotate",
      "service_token.update",
      "service_token.rotate",
      "service_token.delete",
    ]);

    // No secret, and no digest of one, anywhere: neither in the rows nor in what the API lists.
    const stored = JSON.stringify(all, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const listed = JSON.stringify((await listAuditLogs(admin, { perPage: 200 })).items);
    expect(secrets).toHaveLength(3);
    for (const secret of secrets) {
      for (const text of [stored, listed]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(sha256(secret));
      }
    }
    expect(stored).not.toMatch(/secret_hash|secretHash/);
  });

  it("writes no row for a call that changes nothing", async () => {
    const { account, admin } = await newTenant("audit-noop");
    const { token } = await createServiceToken(admin, { name: unique("noop"), duration: "forever" });
    const before = await auditRows(account.id);
    await updateServiceToken(admin, token.id, { name: token.name, enabled: true, duration: "forever" });
    await refreshServiceToken(admin, token.id); // forever: nothing to refresh
    await setPreviousSecretExpiry(admin, token.id, new Date(Date.now() + 1000)); // never rotated
    expect(await auditRows(account.id)).toEqual(before);
  });

  it("records an API token as the actor of the writes it makes", async () => {
    const { account } = await newTenant("audit-api");
    const actor = apiTokenActor(account.id, ["Access: Service Tokens Write"]);
    let id = "";
    const row = await onlyNewRow(account.id, () => id, async () => {
      id = (await createServiceToken(actor, { name: unique("by-api") })).token.id;
    });
    expectActor(row, actor);
  });
});

describe("administrator and API token writes", () => {
  it("creating an API token and revoking it leave one row each, without the token value or digest", async () => {
    const { account, admin } = await newTenant("audit-apitoken");
    let created: Awaited<ReturnType<typeof createApiToken>> | undefined;
    const name = unique("ci");
    const createRow = await onlyNewRow(account.id, () => created!.token.id, async () => {
      created = await createApiToken(admin, { name, permissions: ["Access: Service Tokens Write"] });
    });
    expectActor(createRow, admin);
    expect(createRow).toMatchObject({ action: "api_token.create", objectType: "api_token", objectName: name });
    expect(createRow.after).toMatchObject({ name, permissions: ["Access: Service Tokens Write"] });

    const revokeRow = await onlyNewRow(account.id, created!.token.id, () => revokeApiToken(admin, created!.token.id));
    expect(revokeRow).toMatchObject({ action: "api_token.revoke", objectType: "api_token" });

    const text = JSON.stringify(await auditRows(account.id), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(created!.value);
    expect(text).not.toContain(sha256(created!.value));
  });

  it("creating an administrator leaves one row, without the password or its hash", async () => {
    const { account, admin } = await newTenant("audit-admin");
    const password = `pw-${unique("secret")}`;
    let adminId = "";
    const email = `${unique("new-admin")}@example.test`;
    const row = await onlyNewRow(account.id, () => adminId, async () => {
      adminId = (await createAdmin(admin, { email, password, role: "access_admin" })).id;
    });
    expectActor(row, admin);
    expect(row).toMatchObject({ action: "admin.create", objectType: "admin", objectName: email });
    expect(row.after).toEqual({ email, role: "access_admin" });
    const text = JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(password);
    expect(text).not.toContain("scrypt$");
  });
});

describe("listAuditLogs", () => {
  it("lists newest first, filters by object, action and actor, and paginates", async () => {
    const { admin } = await newTenant("audit-list");
    const other = adminActor(admin.accountId, "access_admin");
    const { token } = await createServiceToken(admin, { name: unique("listed") });
    await refreshServiceToken(other, token.id);
    await updateServiceToken(admin, token.id, { enabled: false });

    const all = await listAuditLogs(admin);
    expect(all.items.map((r) => r.action)).toEqual(["service_token.disable", "service_token.refresh", "service_token.create"]);
    expect(all.total).toBe(3);
    expect(typeof all.items[0].id).toBe("string");

    expect((await listAuditLogs(admin, { action: "service_token.refresh" })).items).toHaveLength(1);
    expect((await listAuditLogs(admin, { objectType: "service_token", objectId: token.id })).total).toBe(3);
    expect((await listAuditLogs(admin, { search: other.email.toUpperCase() })).items.map((r) => r.actorId)).toEqual([other.adminId]);
    const page2 = await listAuditLogs(admin, { page: 2, perPage: 2 });
    expect(page2.items.map((r) => r.action)).toEqual(["service_token.create"]);
    expect(page2.total).toBe(3);
  });
});

describe("listAuditLogs search", () => {
  it("takes % and _ as the characters typed, not as wildcards", async () => {
    const tenant = await newTenant("audit-like");
    // The search looks at the actor too: an email without % or _.
    const admin = { ...tenant.admin, email: `${unique("owner")}@example.test` };
    await createServiceToken(admin, { name: "50% off" });
    await createServiceToken(admin, { name: "snake_case" });
    await createServiceToken(admin, { name: "plain" });

    const names = async (search: string) => (await listAuditLogs(admin, { search })).items.map((r) => r.objectName);
    expect(await names("%")).toEqual(["50% off"]);
    expect(await names("_")).toEqual(["snake_case"]);
    expect(await names("0%")).toEqual(["50% off"]);
    expect(await names("e_c")).toEqual(["snake_case"]);
    expect(await names("p%n")).toEqual([]);
    expect(await names("\\")).toEqual([]);
  });
});

describe("the names an audit page's entries refer to", () => {
  it("names the tokens of a policy's rules and an application's policies, deleted ones by the name they had", async () => {
    const { admin } = await newTenant("audit-names");
    const kept = (await createServiceToken(admin, { name: "CI deploy" })).token;
    const gone = (await createServiceToken(admin, { name: "Old runner" })).token;
    const policy = await createPolicy(admin, {
      name: "Deploy",
      decision: "non_identity",
      include: [{ service_token: { token_id: kept.id } }, { service_token: { token_id: gone.id } }],
    });
    await createApp(admin, { name: "Intranet", domain: `${unique("intranet")}.example.com`, policies: [{ id: policy.id, precedence: 1 }] });
    await deleteServiceToken(admin, gone.id);

    const page = await listAuditLogs(admin, { perPage: 50 });
    expect(page.names.serviceTokens).toEqual({
      [kept.id]: { name: "CI deploy", deleted: false },
      [gone.id]: { name: "Old runner", deleted: true },
    });
    expect(page.names.policies).toEqual({ [policy.id]: { name: "Deploy", deleted: false } });
  });

  it("is empty when no entry names anything by id", async () => {
    const { admin } = await newTenant("audit-no-names");
    await createServiceToken(admin, { name: "Alone" });
    expect((await listAuditLogs(admin)).names).toEqual({ serviceTokens: {}, policies: {} });
  });
});
