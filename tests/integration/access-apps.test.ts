import { describe, expect, it } from "vitest";
import { appToApi } from "../../lib/access/api-shape";
import { createApp, deleteApp, getApp, listApps, replaceApp, revokeAppTokens } from "../../lib/access/apps";
import { createPolicy, getPolicy } from "../../lib/access/policies";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { adminActor, apiTokenActor, auditRows, expectAppError, newTenant, unique } from "../helpers/fixtures";

// Applications (lib/access/apps.ts) against a real PostgreSQL: what they return, what they store,
// and the audit trail they leave.

const AUD = /^[0-9a-f]{64}$/;

const domain = (label = "app") => `${unique(label)}.example.test`;

async function newPolicy(actor: Actor, decision: "allow" | "deny" | "non_identity" | "bypass" = "non_identity") {
  return createPolicy(actor, { name: unique("policy"), decision, include: [{ any_valid_service_token: {} }] });
}

async function appCount(accountId: string) {
  return getDb().accessApp.count({ where: { accountId } });
}

describe("createApp", () => {
  it("creates a self-hosted app with every default, a fresh aud and an audit row", async () => {
    const { account, admin } = await newTenant();
    const d = domain();
    const app = await createApp(admin, { name: "Internal API", domain: d.toUpperCase() });

    expect(app).toMatchObject({
      name: "Internal API",
      domain: d,
      type: "self_hosted",
      sessionDuration: "24h",
      readServiceTokensFromHeader: null,
      serviceAuth401Redirect: false,
      lastRevokedAt: null,
      policies: [],
    });
    expect(app.aud).toMatch(AUD);
    expect(app.id).toMatch(/^[0-9a-f-]{36}$/);

    const row = await getDb().accessApp.findUniqueOrThrow({ where: { id: app.id } });
    expect(row).toMatchObject({ accountId: account.id, domain: d, domainHost: d, aud: app.aud });

    const audits = await auditRows(account.id, app.id);
    expect(audits.map((a) => a.action)).toEqual(["app.create"]);
    expect(audits[0]).toMatchObject({ objectType: "app", objectName: "Internal API", actorType: "admin", actorLabel: admin.email });
    expect(audits[0].before).toBeNull();
    expect(audits[0].after).toMatchObject({ domain: d, aud: app.aud, session_duration: "24h", policies: [] });
  });

  it("stores every field given, and the host of a host/path domain for request resolution", async () => {
    const { admin } = await newTenant();
    const host = domain();
    const app = await createApp(admin, {
      name: "Reports",
      domain: `${host}/Reports/`,
      session_duration: "1h30m",
      read_service_tokens_from_header: "X-Service-Token",
      service_auth_401_redirect: true,
    });
    expect(app).toMatchObject({
      domain: `${host}/Reports`,
      sessionDuration: "1h30m",
      readServiceTokensFromHeader: "X-Service-Token",
      serviceAuth401Redirect: true,
    });
    const row = await getDb().accessApp.findUniqueOrThrow({ where: { id: app.id } });
    expect(row.domainHost).toBe(host);
  });

  it("gives each application its own aud", async () => {
    const { admin } = await newTenant();
    const a = await createApp(admin, { name: "A", domain: domain() });
    const b = await createApp(admin, { name: "B", domain: domain() });
    expect(a.aud).not.toBe(b.aud);
  });

  it("attaches policies by id in array order, or with explicit precedence, and returns them in precedence order", async () => {
    const { admin } = await newTenant();
    const [p1, p2, p3] = [await newPolicy(admin, "bypass"), await newPolicy(admin, "deny"), await newPolicy(admin)];

    const byOrder = await createApp(admin, { name: "ordered", domain: domain(), policies: [p1.id, p2.id, p3.id] });
    expect(byOrder.policies.map((p) => [p.id, p.precedence])).toEqual([
      [p1.id, 1],
      [p2.id, 2],
      [p3.id, 3],
    ]);
    // Full policy objects, not just ids.
    expect(byOrder.policies[1]).toMatchObject({ name: p2.name, decision: "deny", include: [{ any_valid_service_token: {} }], require: [], exclude: [], appCount: 1 });

    const explicit = await createApp(admin, {
      name: "explicit",
      domain: domain(),
      policies: [{ id: p1.id, precedence: 30 }, { id: p2.id, precedence: 10 }, p3.id],
    });
    // p3 has no precedence of its own: its position (3rd) gives it 3.
    expect(explicit.policies.map((p) => [p.id, p.precedence])).toEqual([
      [p3.id, 3],
      [p2.id, 10],
      [p1.id, 30],
    ]);
    expect((await getPolicy(admin, p1.id)).appCount).toBe(2);
  });

  it("refuses a domain already used in the account (any case), and allows it in another account", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const d = domain();
    await createApp(a.admin, { name: "first", domain: d });
    const before = await auditRows(a.account.id);

    const err = await expectAppError(createApp(a.admin, { name: "second", domain: d.toUpperCase() }), "conflict");
    expect(err.message).toMatch(/^conflict: /);
    expect(err.message).toContain(d);
    expect(await appCount(a.account.id)).toBe(1);
    expect(await auditRows(a.account.id)).toHaveLength(before.length);

    const other = await createApp(b.admin, { name: "elsewhere", domain: d });
    expect(other.domain).toBe(d);
  });

  it("lets the same host carry several paths", async () => {
    const { admin } = await newTenant();
    const host = domain();
    await createApp(admin, { name: "root", domain: host });
    await createApp(admin, { name: "api", domain: `${host}/api` });
    await createApp(admin, { name: "api v2", domain: `${host}/api/v2` });
    await expectAppError(createApp(admin, { name: "again", domain: `${host}/api/` }), "conflict");
  });

  it("lets exactly one of two concurrent creates take a domain", async () => {
    const { account, admin } = await newTenant();
    const d = domain();
    const results = await Promise.allSettled([
      createApp(admin, { name: "one", domain: d }),
      createApp(admin, { name: "two", domain: d }),
      createApp(admin, { name: "three", domain: d }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "conflict" });
    }
    expect(await appCount(account.id)).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing name", { domain: "x.example.test" }, "name"],
    ["a domain with a scheme", { name: "x", domain: "https://x.example.test" }, "domain"],
    ["a domain with a port", { name: "x", domain: "x.example.test:8443" }, "domain"],
    ["a wildcard domain", { name: "x", domain: "*.example.test" }, "domain"],
    ["another type", { name: "x", domain: "x.example.test", type: "saas" }, "type"],
    ["a forever session", { name: "x", domain: "x.example.test", session_duration: "forever" }, "session_duration"],
    ["a session in days", { name: "x", domain: "x.example.test", session_duration: "30d" }, "session_duration"],
    ["a header name with a space", { name: "x", domain: "x.example.test", read_service_tokens_from_header: "X Token" }, "read_service_tokens_from_header"],
    ["a non-boolean 401 flag", { name: "x", domain: "x.example.test", service_auth_401_redirect: "true" }, "service_auth_401_redirect"],
    ["a malformed policy id", { name: "x", domain: "x.example.test", policies: ["nope"] }, "policies.0"],
    ["an unknown policy id", { name: "x", domain: "x.example.test", policies: ["5d0c9a43-1f7e-4b1a-9c53-0e2d7c1b9a11"] }, "policies.0"],
    ["an unknown policy id in object form", { name: "x", domain: "x.example.test", policies: [{ id: "5d0c9a43-1f7e-4b1a-9c53-0e2d7c1b9a11", precedence: 2 }] }, "policies.0.id"],
  ])("rejects %s, naming the field, and changes nothing", async (_label, input, field) => {
    const { account, admin } = await newTenant();
    await expectAppError(createApp(admin, input as never), "invalid_request", field);
    expect(await appCount(account.id)).toBe(0);
    expect(await auditRows(account.id)).toHaveLength(0);
  });

  it("refuses another account's policy, naming the entry", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const mine = await newPolicy(a.admin);
    const theirs = await newPolicy(b.admin);
    await expectAppError(createApp(a.admin, { name: "x", domain: domain(), policies: [mine.id, { id: theirs.id }] }), "invalid_request", "policies.1.id");
    expect(await appCount(a.account.id)).toBe(0);
    expect((await getPolicy(b.admin, theirs.id)).appCount).toBe(0);
  });
});

describe("getApp and listApps", () => {
  it("returns an app of the caller's account and not_found for any other id", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const app = await createApp(a.admin, { name: "mine", domain: domain() });
    expect(await getApp(a.admin, app.id)).toEqual(app);
    await expectAppError(getApp(b.admin, app.id), "not_found");
    await expectAppError(getApp(a.admin, "not-a-uuid"), "not_found");
    await expectAppError(getApp(a.admin, "6a1d1b7e-3c2f-4f0a-9a3e-1d2c3b4a5f60"), "not_found");
  });

  it("pages through the account's apps by name, with the total, searching name and domain", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const tag = unique("tag");
    for (const n of ["c", "a", "b", "e", "d"]) await createApp(a.admin, { name: `${n} app`, domain: domain(n) });
    await createApp(a.admin, { name: "by domain", domain: `${tag}.example.test` });
    await createApp(b.admin, { name: "a foreign app", domain: domain() });

    const page1 = await listApps(a.admin, { page: 1, perPage: 2 });
    expect(page1.total).toBe(6);
    expect(page1.items.map((x) => x.name)).toEqual(["a app", "b app"]);
    const page3 = await listApps(a.admin, { page: 3, perPage: 2 });
    expect(page3.items.map((x) => x.name)).toEqual(["d app", "e app"]);
    expect((await listApps(a.admin, { page: 9, perPage: 2 })).items).toEqual([]);

    const byDomain = await listApps(a.admin, { search: tag.toUpperCase() });
    expect(byDomain.items.map((x) => x.name)).toEqual(["by domain"]);
    expect(byDomain.total).toBe(1);
    expect((await listApps(a.admin, { search: "C APP" })).items.map((x) => x.name)).toEqual(["c app"]);
    // LIKE wildcards in the search are literal characters.
    expect((await listApps(a.admin, { search: "%" })).total).toBe(0);
  });

  it("rejects a bad page size", async () => {
    const { admin } = await newTenant();
    await expectAppError(listApps(admin, { perPage: 1001 }), "invalid_request", "perPage");
  });
});

describe("replaceApp", () => {
  it("replaces the whole object: omitted fields return to their defaults, aud and created_at stay", async () => {
    const { account, admin } = await newTenant();
    const p = await newPolicy(admin);
    const d = domain();
    const created = await createApp(admin, {
      name: "full",
      domain: d,
      session_duration: "2h",
      read_service_tokens_from_header: "X-Token",
      service_auth_401_redirect: true,
      policies: [p.id],
    });

    const replaced = await replaceApp(admin, created.id, { name: "renamed", domain: d });
    expect(replaced).toMatchObject({
      id: created.id,
      aud: created.aud,
      name: "renamed",
      domain: d,
      sessionDuration: "24h",
      readServiceTokensFromHeader: null,
      serviceAuth401Redirect: false,
      policies: [],
      createdAt: created.createdAt,
    });
    expect(replaced.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect((await getPolicy(admin, p.id)).appCount).toBe(0);

    const audits = await auditRows(account.id, created.id);
    expect(audits.map((a) => a.action)).toEqual(["app.create", "app.update"]);
    expect(audits[1].before).toMatchObject({ name: "full", session_duration: "2h", policies: [{ id: p.id, precedence: 1 }] });
    expect(audits[1].after).toMatchObject({ name: "renamed", session_duration: "24h", policies: [], aud: created.aud });
  });

  it("keeps aud across every PUT, even one that sends a different aud", async () => {
    const { admin } = await newTenant();
    const app = await createApp(admin, { name: "x", domain: domain() });
    const again = await replaceApp(admin, app.id, { name: "y", domain: domain(), aud: "f".repeat(64) } as never);
    expect(again.aud).toBe(app.aud);
    expect((await getApp(admin, app.id)).aud).toBe(app.aud);
  });

  it("changes the policies and their order", async () => {
    const { admin } = await newTenant();
    const [p1, p2, p3] = [await newPolicy(admin), await newPolicy(admin), await newPolicy(admin)];
    const app = await createApp(admin, { name: "x", domain: domain(), policies: [p1.id, p2.id] });
    const replaced = await replaceApp(admin, app.id, { name: "x", domain: app.domain, policies: [p3.id, p1.id] });
    expect(replaced.policies.map((p) => [p.id, p.precedence])).toEqual([
      [p3.id, 1],
      [p1.id, 2],
    ]);
    expect((await getPolicy(admin, p2.id)).appCount).toBe(0);
  });

  it("writes nothing and audits nothing for a PUT of what a GET returned", async () => {
    const { account, admin } = await newTenant();
    const p = await newPolicy(admin);
    const app = await createApp(admin, { name: "same", domain: domain(), session_duration: "8h", policies: [{ id: p.id, precedence: 5 }] });
    const wire = appToApi(await getApp(admin, app.id));
    const again = await replaceApp(admin, app.id, { ...wire, policies: wire.policies.map((x) => ({ id: x.id, precedence: x.precedence })) });
    expect(again).toEqual(app);
    expect((await auditRows(account.id, app.id)).map((a) => a.action)).toEqual(["app.create"]);
  });

  it("refuses to move onto a domain another app of the account has, but keeps its own", async () => {
    const { admin } = await newTenant();
    const taken = await createApp(admin, { name: "taken", domain: domain() });
    const app = await createApp(admin, { name: "mine", domain: domain() });
    await expectAppError(replaceApp(admin, app.id, { name: "mine", domain: taken.domain }), "conflict");
    expect((await getApp(admin, app.id)).domain).toBe(app.domain);
    const renamed = await replaceApp(admin, app.id, { name: "still mine", domain: app.domain.toUpperCase() });
    expect(renamed.domain).toBe(app.domain);
  });

  it("changes nothing when the input is invalid", async () => {
    const { account, admin } = await newTenant();
    const p = await newPolicy(admin);
    const app = await createApp(admin, { name: "x", domain: domain(), policies: [p.id] });
    await expectAppError(replaceApp(admin, app.id, { name: "x", domain: app.domain, session_duration: "-1h" }), "invalid_request", "session_duration");
    await expectAppError(replaceApp(admin, app.id, { name: "x", domain: app.domain, policies: [p.id, "00000000-0000-4000-8000-000000000000"] }), "invalid_request", "policies.1");
    expect(await getApp(admin, app.id)).toEqual(app);
    expect(await auditRows(account.id, app.id)).toHaveLength(1);
  });

  it("is not_found for another account's app, which stays as it was", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const app = await createApp(a.admin, { name: "x", domain: domain() });
    await expectAppError(replaceApp(b.admin, app.id, { name: "stolen", domain: domain() }), "not_found");
    await expectAppError(replaceApp(b.admin, "garbage", { name: "stolen", domain: domain() }), "not_found");
    expect((await getApp(a.admin, app.id)).name).toBe("x");
  });
});

describe("deleteApp", () => {
  it("deletes the app and its attachments, keeps the policies, and audits the deletion", async () => {
    const { account, admin } = await newTenant();
    const p = await newPolicy(admin);
    const app = await createApp(admin, { name: "doomed", domain: domain(), policies: [p.id] });
    const deleted = await deleteApp(admin, app.id);
    expect(deleted.id).toBe(app.id);
    await expectAppError(getApp(admin, app.id), "not_found");
    expect(await getDb().accessAppPolicy.count({ where: { appId: app.id } })).toBe(0);
    expect((await getPolicy(admin, p.id)).appCount).toBe(0);

    const audits = await auditRows(account.id, app.id);
    expect(audits.map((a) => a.action)).toEqual(["app.create", "app.delete"]);
    expect(audits[1].before).toMatchObject({ name: "doomed", policies: [{ id: p.id, precedence: 1 }] });
    expect(audits[1].after).toBeNull();
    // The domain is free again.
    await createApp(admin, { name: "reborn", domain: app.domain });
  });

  it("is not_found for another account's app, which survives", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const app = await createApp(a.admin, { name: "x", domain: domain() });
    await expectAppError(deleteApp(b.admin, app.id), "not_found");
    await expectAppError(deleteApp(a.admin, "1"), "not_found");
    expect(await getApp(a.admin, app.id)).toEqual(app);
  });
});

describe("revokeAppTokens", () => {
  it("sets the revocation time to now and audits it", async () => {
    const { account, admin } = await newTenant();
    const app = await createApp(admin, { name: "x", domain: domain() });
    const t0 = Date.now();
    const revoked = await revokeAppTokens(admin, app.id);
    expect(revoked.lastRevokedAt).not.toBeNull();
    expect(revoked.lastRevokedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 5);
    expect(revoked.lastRevokedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    expect(revoked.aud).toBe(app.aud);

    const audits = await auditRows(account.id, app.id);
    expect(audits.map((a) => a.action)).toEqual(["app.create", "app.revoke_tokens"]);
    expect(audits[1].before).toMatchObject({ last_revoked_at: null });
    expect(audits[1].after).toMatchObject({ last_revoked_at: revoked.lastRevokedAt!.toISOString() });
  });

  it("survives a PUT, which does not touch the revocation time", async () => {
    const { admin } = await newTenant();
    const app = await createApp(admin, { name: "x", domain: domain() });
    const revoked = await revokeAppTokens(admin, app.id);
    const replaced = await replaceApp(admin, app.id, { name: "y", domain: app.domain });
    expect(replaced.lastRevokedAt).toEqual(revoked.lastRevokedAt);
  });

  it("is not_found for another account's app", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const app = await createApp(a.admin, { name: "x", domain: domain() });
    await expectAppError(revokeAppTokens(b.admin, app.id), "not_found");
    expect((await getApp(a.admin, app.id)).lastRevokedAt).toBeNull();
  });
});

describe("permissions", () => {
  it("lets readers read and only writers write", async () => {
    const { account, admin } = await newTenant();
    const app = await createApp(admin, { name: "x", domain: domain() });
    const readOnly = adminActor(account.id, "read_only");
    const reader = apiTokenActor(account.id, ["Access: Apps and Policies Read"]);
    const writer = apiTokenActor(account.id, ["Access: Apps and Policies Write"]);
    const tokensOnly = apiTokenActor(account.id, ["Access: Service Tokens Write"]);

    for (const actor of [readOnly, reader, writer]) {
      expect((await getApp(actor, app.id)).id).toBe(app.id);
      expect((await listApps(actor)).total).toBe(1);
    }
    for (const actor of [readOnly, reader, tokensOnly]) {
      await expectAppError(createApp(actor, { name: "y", domain: domain() }), "forbidden");
      await expectAppError(replaceApp(actor, app.id, { name: "y", domain: app.domain }), "forbidden");
      await expectAppError(revokeAppTokens(actor, app.id), "forbidden");
      await expectAppError(deleteApp(actor, app.id), "forbidden");
    }
    await expectAppError(getApp(tokensOnly, app.id), "forbidden");

    const made = await createApp(writer, { name: "by token", domain: domain() });
    const audits = await auditRows(account.id, made.id);
    expect(audits[0]).toMatchObject({ actorType: "api_token", actorId: writer.tokenId });
    expect(await getApp(admin, app.id)).toEqual(app);
  });
});

describe("appToApi", () => {
  it("shapes an app with its policies as the REST API's snake_case object", async () => {
    const { admin } = await newTenant();
    const p = await newPolicy(admin);
    const app = await createApp(admin, { name: "wire", domain: domain(), policies: [{ id: p.id, precedence: 4 }] });
    const wire = appToApi(app);
    expect(Object.keys(wire).sort()).toEqual(
      [
        "id",
        "aud",
        "name",
        "domain",
        "type",
        "session_duration",
        "read_service_tokens_from_header",
        "service_auth_401_redirect",
        "policies",
        "created_at",
        "updated_at",
      ].sort(),
    );
    expect(wire.policies[0]).toMatchObject({ id: p.id, precedence: 4, app_count: 1, decision: "non_identity", session_duration: null });
    expect(wire.created_at).toBe(app.createdAt.toISOString());
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
  });
});
