import { describe, expect, it } from "vitest";
import { policyToApi } from "../../lib/access/api-shape";
import { createApp, replaceApp } from "../../lib/access/apps";
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  policiesReferencingServiceToken,
  replacePolicy,
} from "../../lib/access/policies";
import type { Rule } from "../../lib/access/rules";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { createServiceToken, deleteServiceToken } from "../../lib/service-tokens/service";
import { adminActor, apiTokenActor, auditRows, expectAppError, newTenant, sha256, unique } from "../helpers/fixtures";

// Reusable policies (lib/access/policies.ts) against a real PostgreSQL: rule validation, the
// computed app_count, the conflict on deleting an attached policy, and which policies use a token.

const domain = () => `${unique("app")}.example.test`;

async function newToken(actor: Actor) {
  return (await createServiceToken(actor, { name: unique("token") })).token;
}

async function policyCount(accountId: string) {
  return getDb().accessPolicy.count({ where: { accountId } });
}

describe("createPolicy", () => {
  it("stores a policy with its defaults, app_count 0, and an audit row", async () => {
    const { account, admin } = await newTenant();
    const policy = await createPolicy(admin, { name: "Service Auth for CI", decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    expect(policy).toMatchObject({
      name: "Service Auth for CI",
      decision: "non_identity",
      include: [{ any_valid_service_token: {} }],
      require: [],
      exclude: [],
      sessionDuration: null,
      appCount: 0,
    });
    const row = await getDb().accessPolicy.findUniqueOrThrow({ where: { id: policy.id } });
    expect(row).toMatchObject({ accountId: account.id, includeRules: [{ any_valid_service_token: {} }], requireRules: [], excludeRules: [] });

    const audits = await auditRows(account.id, policy.id);
    expect(audits.map((a) => a.action)).toEqual(["policy.create"]);
    expect(audits[0]).toMatchObject({ objectType: "policy", objectName: "Service Auth for CI" });
    expect(audits[0].after).toMatchObject({ decision: "non_identity", include: [{ any_valid_service_token: {} }], session_duration: null });
  });

  it("accepts every rule type in every list, normalised, and every decision", async () => {
    const { admin } = await newTenant();
    const token = await newToken(admin);
    const include: Rule[] = [
      { service_token: { token_id: token.id } },
      { any_valid_service_token: {} },
      { ip: { ip: "192.0.2.0/24" } },
      { everyone: {} },
      { email: { email: "ops@example.com" } },
      { email_domain: { domain: "example.com" } },
    ];
    for (const decision of ["allow", "deny", "non_identity", "bypass"] as const) {
      const p = await createPolicy(admin, {
        name: unique(decision),
        decision,
        include: [...include.slice(0, 5), { email_domain: { domain: "EXAMPLE.com" } }],
        require: [{ ip: { ip: "2001:db8::/32" } }],
        exclude: [{ email: { email: "Intern@Example.com" } }, { service_token: { token_id: token.id.toUpperCase() } }],
        session_duration: "30m",
      });
      expect(p).toMatchObject({
        decision,
        include,
        require: [{ ip: { ip: "2001:db8::/32" } }],
        exclude: [{ email: { email: "intern@example.com" } }, { service_token: { token_id: token.id } }],
        sessionDuration: "30m",
      });
    }
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown rule type", { include: [{ foo: {} }] }, "include.0"],
    ["a rule with two types", { include: [{ everyone: {}, any_valid_service_token: {} }] }, "include.0"],
    ["an empty include", { include: [] }, "include"],
    ["no include", { include: undefined }, "include"],
    ["a bad CIDR in require", { require: [{ ip: { ip: "10.0.0.0/40" } }] }, "require.0.ip.ip"],
    ["a bad email in exclude", { exclude: [{ everyone: {} }, { email: { email: "nobody" } }] }, "exclude.1.email.email"],
    ["a bad email domain", { include: [{ email_domain: { domain: "exa mple.com" } }] }, "include.0.email_domain.domain"],
    ["a malformed token id", { include: [{ service_token: { token_id: "abc" } }] }, "include.0.service_token.token_id"],
    ["an unknown token id", { include: [{ service_token: { token_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" } }] }, "include.0.service_token.token_id"],
    ["extra keys in a rule", { include: [{ everyone: { all: true } }] }, "include.0.everyone"],
    ["an unknown decision", { decision: "block" }, "decision"],
    ["an empty name", { name: "" }, "name"],
    ["a forever session", { session_duration: "forever" }, "session_duration"],
  ])("rejects %s, naming the field, and stores nothing", async (_label, change, field) => {
    const { account, admin } = await newTenant();
    const input = { name: "p", decision: "allow", include: [{ everyone: {} }], ...change };
    const err = await expectAppError(createPolicy(admin, input as never), "invalid_request", field);
    expect(err.message).toMatch(/^invalid request: /);
    expect(await policyCount(account.id)).toBe(0);
    expect(await auditRows(account.id)).toHaveLength(0);
  });

  it("says which rule type is unknown", async () => {
    const { admin } = await newTenant();
    const err = await expectAppError(createPolicy(admin, { name: "p", decision: "allow", include: [{ everyone: {} }, { foo: {} }] } as never), "invalid_request");
    expect(err.message).toBe('invalid request: include.1: unknown rule type "foo"');
  });

  it("refuses a service token of another account", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const theirs = await newToken(b.admin);
    await expectAppError(
      createPolicy(a.admin, { name: "p", decision: "non_identity", include: [{ any_valid_service_token: {} }], require: [{ service_token: { token_id: theirs.id } }] }),
      "invalid_request",
      "require.0.service_token.token_id",
    );
    expect(await policyCount(a.account.id)).toBe(0);
  });
});

describe("getPolicy, listPolicies and app_count", () => {
  it("counts the applications a policy is attached to", async () => {
    const { admin } = await newTenant();
    const p = await createPolicy(admin, { name: "shared", decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    const lonely = await createPolicy(admin, { name: "lonely", decision: "allow", include: [{ everyone: {} }] });
    const a1 = await createApp(admin, { name: "a1", domain: domain(), policies: [p.id] });
    await createApp(admin, { name: "a2", domain: domain(), policies: [p.id] });
    expect((await getPolicy(admin, p.id)).appCount).toBe(2);
    expect((await getPolicy(admin, lonely.id)).appCount).toBe(0);
    const listed = await listPolicies(admin);
    expect(listed.items.map((x) => [x.name, x.appCount])).toEqual([
      ["lonely", 0],
      ["shared", 2],
    ]);
    await replaceApp(admin, a1.id, { name: "a1", domain: a1.domain });
    expect((await getPolicy(admin, p.id)).appCount).toBe(1);
  });

  it("pages by name, searches names, and sees only the caller's account", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    for (const n of ["delta", "alpha", "charlie", "bravo"]) await createPolicy(a.admin, { name: n, decision: "allow", include: [{ everyone: {} }] });
    const foreign = await createPolicy(b.admin, { name: "alpha", decision: "allow", include: [{ everyone: {} }] });

    const page = await listPolicies(a.admin, { page: 2, perPage: 3 });
    expect(page).toMatchObject({ total: 4, page: 2, perPage: 3 });
    expect(page.items.map((x) => x.name)).toEqual(["delta"]);
    expect((await listPolicies(a.admin, { search: "ALPH" })).items.map((x) => x.name)).toEqual(["alpha"]);
    expect((await listPolicies(a.admin, { search: "_" })).total).toBe(0);

    await expectAppError(getPolicy(a.admin, foreign.id), "not_found");
    await expectAppError(getPolicy(a.admin, "x"), "not_found");
  });
});

describe("listPolicies: Used by", () => {
  it("names every application a policy is attached to, by name", async () => {
    const { admin } = await newTenant("used-by");
    const p = await createPolicy(admin, { name: "shared", decision: "allow", include: [{ everyone: {} }] });
    const b = await createApp(admin, { name: "bravo", domain: domain(), policies: [p.id] });
    const a = await createApp(admin, { name: "alpha", domain: domain(), policies: [p.id] });
    await createApp(admin, { name: "unattached", domain: domain() });
    const [listed] = (await listPolicies(admin)).items;
    expect(listed.apps).toEqual([
      { id: a.id, name: "alpha", domain: a.domain },
      { id: b.id, name: "bravo", domain: b.domain },
    ]);
  });

  it("stays right beyond 1,000 applications", async () => {
    const { account, admin } = await newTenant("used-by-many");
    const p = await createPolicy(admin, { name: "everywhere", decision: "allow", include: [{ everyone: {} }] });
    // Inserted in bulk: 1,001 applications through createApp would take minutes.
    const apps = Array.from({ length: 1001 }, (_, i) => {
      const host = `${unique(`many-${String(i).padStart(4, "0")}`)}.example.test`;
      return { id: crypto.randomUUID(), name: `app ${String(i).padStart(4, "0")}`, domain: host, domainHost: host };
    });
    await getDb().$transaction([
      getDb().accessApp.createMany({ data: apps.map((a) => ({ ...a, accountId: account.id, aud: sha256(a.id) })) }),
      getDb().accessAppPolicy.createMany({ data: apps.map((a) => ({ appId: a.id, policyId: p.id, precedence: 1 })) }),
    ]);

    const [listed] = (await listPolicies(admin)).items;
    expect(listed.appCount).toBe(1001);
    expect(listed.apps.map((a) => a.id)).toEqual(apps.map((a) => a.id));
    expect(listed.apps.at(-1)).toEqual({ id: apps[1000].id, name: "app 1000", domain: apps[1000].domain });
  });
});

describe("replacePolicy", () => {
  it("replaces the whole policy: omitted require, exclude and session_duration are reset", async () => {
    const { account, admin } = await newTenant();
    const p = await createPolicy(admin, {
      name: "before",
      decision: "allow",
      include: [{ everyone: {} }],
      require: [{ ip: { ip: "10.0.0.0/8" } }],
      exclude: [{ email: { email: "x@example.com" } }],
      session_duration: "1h",
    });
    const after = await replacePolicy(admin, p.id, { name: "after", decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    expect(after).toMatchObject({
      id: p.id,
      name: "after",
      decision: "non_identity",
      include: [{ any_valid_service_token: {} }],
      require: [],
      exclude: [],
      sessionDuration: null,
      createdAt: p.createdAt,
    });
    const audits = await auditRows(account.id, p.id);
    expect(audits.map((a) => a.action)).toEqual(["policy.create", "policy.update"]);
    expect(audits[1].before).toMatchObject({ name: "before", require: [{ ip: { ip: "10.0.0.0/8" } }], session_duration: "1h" });
    expect(audits[1].after).toMatchObject({ name: "after", require: [], session_duration: null });
  });

  it("writes nothing for a PUT of what a GET returned", async () => {
    const { account, admin } = await newTenant();
    const token = await newToken(admin);
    const p = await createPolicy(admin, { name: "same", decision: "non_identity", include: [{ service_token: { token_id: token.id } }], session_duration: "2h" });
    const again = await replacePolicy(admin, p.id, policyToApi(await getPolicy(admin, p.id)));
    expect(again).toEqual(p);
    expect(await auditRows(account.id, p.id)).toHaveLength(1);
  });

  it("keeps accepting a reference to a token deleted since, but not a new unknown one", async () => {
    const { admin } = await newTenant();
    const gone = await newToken(admin);
    const p = await createPolicy(admin, { name: "ref", decision: "non_identity", include: [{ service_token: { token_id: gone.id } }] });
    // A reference stored before deleteServiceToken cleaned policies up: the row goes behind its back.
    await getDb().serviceToken.delete({ where: { id: gone.id } });
    const renamed = await replacePolicy(admin, p.id, { ...policyToApi(p), name: "ref renamed" });
    expect(renamed.include).toEqual([{ service_token: { token_id: gone.id } }]);
    await expectAppError(
      replacePolicy(admin, p.id, { ...policyToApi(p), include: [{ service_token: { token_id: gone.id } }, { service_token: { token_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" } }] }),
      "invalid_request",
      "include.1.service_token.token_id",
    );
  });

  it("changes nothing when the input is invalid", async () => {
    const { account, admin } = await newTenant();
    const p = await createPolicy(admin, { name: "keep", decision: "allow", include: [{ everyone: {} }] });
    await expectAppError(replacePolicy(admin, p.id, { name: "keep", decision: "allow", include: [{ ip: { ip: "nope" } }] }), "invalid_request", "include.0.ip.ip");
    expect(await getPolicy(admin, p.id)).toEqual(p);
    expect(await auditRows(account.id, p.id)).toHaveLength(1);
  });

  it("is not_found for another account's policy, which stays as it was", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const p = await createPolicy(a.admin, { name: "mine", decision: "allow", include: [{ everyone: {} }] });
    await expectAppError(replacePolicy(b.admin, p.id, { name: "theirs", decision: "deny", include: [{ everyone: {} }] }), "not_found");
    expect(await getPolicy(a.admin, p.id)).toEqual(p);
  });
});

describe("deletePolicy", () => {
  it("refuses while the policy is attached, naming how many applications use it", async () => {
    const { account, admin } = await newTenant();
    const p = await createPolicy(admin, { name: "busy", decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    const a1 = await createApp(admin, { name: "a1", domain: domain(), policies: [p.id] });
    const a2 = await createApp(admin, { name: "a2", domain: domain(), policies: [p.id] });

    const err = await expectAppError(deletePolicy(admin, p.id), "conflict");
    expect(err.message).toBe("conflict: policy is used by 2 application(s)");
    expect((await getPolicy(admin, p.id)).appCount).toBe(2);

    await replaceApp(admin, a1.id, { name: "a1", domain: a1.domain });
    await replaceApp(admin, a2.id, { name: "a2", domain: a2.domain });
    const deleted = await deletePolicy(admin, p.id);
    expect(deleted.id).toBe(p.id);
    await expectAppError(getPolicy(admin, p.id), "not_found");
    const audits = await auditRows(account.id, p.id);
    expect(audits.map((a) => a.action)).toEqual(["policy.create", "policy.delete"]);
    expect(audits[1].before).toMatchObject({ name: "busy" });
    expect(audits[1].after).toBeNull();
  });

  it("never lets a delete and an attach both win", async () => {
    const { admin } = await newTenant();
    for (let i = 0; i < 5; i++) {
      const p = await createPolicy(admin, { name: unique("race"), decision: "allow", include: [{ everyone: {} }] });
      const [del, app] = await Promise.allSettled([deletePolicy(admin, p.id), createApp(admin, { name: "r", domain: domain(), policies: [p.id] })]);
      expect([del.status, app.status].sort()).toEqual(["fulfilled", "rejected"]);
      const loser = (del.status === "rejected" ? del : app) as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: del.status === "rejected" ? "conflict" : "invalid_request" });
    }
  });

  it("is not_found for another account's policy", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const p = await createPolicy(a.admin, { name: "mine", decision: "allow", include: [{ everyone: {} }] });
    await expectAppError(deletePolicy(b.admin, p.id), "not_found");
    await expectAppError(deletePolicy(a.admin, "nope"), "not_found");
    expect((await getPolicy(a.admin, p.id)).id).toBe(p.id);
  });
});

describe("policiesReferencingServiceToken", () => {
  it("lists the policies naming the token, where they name it, and the applications using them", async () => {
    const { admin } = await newTenant();
    const token = await newToken(admin);
    const other = await newToken(admin);
    const inInclude = await createPolicy(admin, { name: "b include", decision: "non_identity", include: [{ service_token: { token_id: token.id } }] });
    const inBoth = await createPolicy(admin, {
      name: "a both",
      decision: "deny",
      include: [{ everyone: {} }, { service_token: { token_id: token.id } }],
      exclude: [{ service_token: { token_id: token.id } }],
    });
    await createPolicy(admin, { name: "c other token", decision: "non_identity", include: [{ service_token: { token_id: other.id } }] });
    await createPolicy(admin, { name: "d any token", decision: "non_identity", include: [{ any_valid_service_token: {} }] });
    const app1 = await createApp(admin, { name: "app one", domain: domain(), policies: [inBoth.id, inInclude.id] });
    const app2 = await createApp(admin, { name: "app two", domain: domain(), policies: [{ id: inInclude.id, precedence: 7 }] });

    const usage = await policiesReferencingServiceToken(admin, token.id.toUpperCase());
    expect(usage.policies).toEqual([
      {
        id: inBoth.id,
        name: "a both",
        decision: "deny",
        lists: ["include", "exclude"],
        matchesNothingAfterDelete: false,
        apps: [{ id: app1.id, name: "app one", domain: app1.domain, precedence: 1 }],
      },
      {
        id: inInclude.id,
        name: "b include",
        decision: "non_identity",
        lists: ["include"],
        matchesNothingAfterDelete: true,
        apps: [
          { id: app1.id, name: "app one", domain: app1.domain, precedence: 2 },
          { id: app2.id, name: "app two", domain: app2.domain, precedence: 7 },
        ],
      },
    ]);
    expect(usage.apps.map((a) => a.id)).toEqual([app1.id, app2.id]);
  });

  it("is empty for an unused token and not_found for another account's token", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const unused = await newToken(a.admin);
    const theirs = await newToken(b.admin);
    await createPolicy(b.admin, { name: "theirs", decision: "non_identity", include: [{ service_token: { token_id: theirs.id } }] });
    expect(await policiesReferencingServiceToken(a.admin, unused.id)).toEqual({ policies: [], apps: [] });
    await expectAppError(policiesReferencingServiceToken(a.admin, theirs.id), "not_found");
    await expectAppError(policiesReferencingServiceToken(a.admin, "bad"), "not_found");
  });
});

describe("permissions", () => {
  it("lets readers read and only writers write", async () => {
    const { account, admin } = await newTenant();
    const p = await createPolicy(admin, { name: "p", decision: "allow", include: [{ everyone: {} }] });
    const body = { name: "q", decision: "allow" as const, include: [{ everyone: {} }] };
    for (const actor of [adminActor(account.id, "read_only"), apiTokenActor(account.id, ["Access: Apps and Policies Read"])]) {
      expect((await getPolicy(actor, p.id)).id).toBe(p.id);
      await expectAppError(createPolicy(actor, body), "forbidden");
      await expectAppError(replacePolicy(actor, p.id, body), "forbidden");
      await expectAppError(deletePolicy(actor, p.id), "forbidden");
    }
    const accessAdmin = adminActor(account.id, "access_admin");
    expect((await replacePolicy(accessAdmin, p.id, body)).name).toBe("q");
    expect(await getDb().auditLog.count({ where: { accountId: account.id, actorId: accessAdmin.adminId } })).toBe(1);
  });
});

describe("policyToApi", () => {
  it("shapes a policy as the REST API's snake_case object", async () => {
    const { admin } = await newTenant();
    const p = await createPolicy(admin, { name: "wire", decision: "bypass", include: [{ ip: { ip: "10.0.0.0/8" } }], session_duration: "5m" });
    expect(policyToApi(p)).toEqual({
      id: p.id,
      name: "wire",
      decision: "bypass",
      include: [{ ip: { ip: "10.0.0.0/8" } }],
      require: [],
      exclude: [],
      session_duration: "5m",
      app_count: 0,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    });
  });
});
