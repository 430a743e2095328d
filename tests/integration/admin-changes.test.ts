import { describe, expect, it } from "vitest";
import { deleteAdmin, resetAdminPassword, updateAdminRole } from "../../lib/admins/changes";
import { authenticateAdmin, createAdmin, listAdmins, type AdminView } from "../../lib/admins/service";
import type { Actor } from "../../lib/auth/actor";
import type { Role } from "../../lib/auth/permissions";
import { sessionAdmin, startSession } from "../../lib/auth/sessions";
import { getDb } from "../../lib/db/client";
import { adminActor, auditRows, expectAppError, newTenant, storedAdmin, unique, uniqueIp } from "../helpers/fixtures";

// Settings › Administrators: listing, adding, changing the role, resetting the password and
// removing, as the dashboard calls them; each account of its own.

const PASSWORD = "correct horse battery staple";

const actorOf = (admin: AdminView): Extract<Actor, { kind: "admin" }> => ({
  kind: "admin",
  accountId: admin.accountId,
  adminId: admin.id,
  email: admin.email,
  role: admin.role,
});

/** A fresh account whose one Super Administrator is a real row (the actor of the tests). */
async function newAccountWithOwner(label: string) {
  const { account, admin: system } = await newTenant(label);
  const owner = await createAdmin(system, { email: `${unique("owner")}@example.test`, password: PASSWORD, role: "super_admin" });
  return { account, owner, actor: actorOf(owner) };
}

async function addAdmin(actor: Actor, role: Role = "access_admin") {
  return createAdmin(actor, { email: `${unique(role)}@example.test`, password: PASSWORD, role });
}

async function superAdminCount(accountId: string) {
  return getDb().admin.count({ where: { accountId, role: "super_admin" } });
}

describe("createAdmin with a generated password", () => {
  it("returns the generated password once, stores only its hash, and audits neither", async () => {
    const { account, actor } = await newAccountWithOwner("admins-generate");
    const email = `${unique("gen")}@example.test`;
    const created = await createAdmin(actor, { email, role: "read_only", generatePassword: true });
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await authenticateAdmin(email, created.generatedPassword!, uniqueIp())).toMatchObject({ id: created.id, role: "read_only" });

    const row = await getDb().admin.findUniqueOrThrow({ where: { id: created.id } });
    const audit = await auditRows(account.id, created.id);
    expect(audit.map((r) => r.action)).toEqual(["admin.create"]);
    expect(audit[0].after).toEqual({ email, role: "read_only" });
    const logged = JSON.stringify(audit.map((r) => [r.before, r.after, r.objectName]));
    expect(logged).not.toContain(created.generatedPassword);
    expect(logged).not.toContain(row.passwordHash);
  });

  it("refuses both a password and generatePassword, and neither, naming the password", async () => {
    const { actor } = await newAccountWithOwner("admins-generate-bad");
    const email = `${unique("gen")}@example.test`;
    await expectAppError(createAdmin(actor, { email, role: "read_only", password: PASSWORD, generatePassword: true }), "invalid_request", "password");
    await expectAppError(createAdmin(actor, { email, role: "read_only" } as never), "invalid_request", "password");
    expect(await getDb().admin.count({ where: { email } })).toBe(0);
  });
});

describe("an email of the longest kind (320 characters)", () => {
  it("is added, changed and removed, its audit rows naming it whole", async () => {
    const { account, actor } = await newAccountWithOwner("admins-long");
    const domain = "@example.test";
    const email = `${unique("long")}-`.padEnd(320 - domain.length, "a") + domain;
    expect(email).toHaveLength(320);
    const admin = await createAdmin(actor, { email, role: "read_only", generatePassword: true });
    await updateAdminRole(actor, admin.id, { role: "access_admin" });
    await deleteAdmin(actor, admin.id);
    const audit = await auditRows(account.id, admin.id);
    expect(audit.map((r) => [r.action, r.objectName])).toEqual([
      ["admin.create", email],
      ["admin.update", email],
      ["admin.delete", email],
    ]);
  });
});

describe("listAdmins", () => {
  it("lists the account's administrators newest first or by email, without password hashes", async () => {
    const { actor, owner } = await newAccountWithOwner("admins-list");
    const b = await createAdmin(actor, { email: `b-${unique("x")}@example.test`, password: PASSWORD, role: "read_only" });
    const a = await createAdmin(actor, { email: `a-${unique("x")}@example.test`, password: PASSWORD, role: "access_admin" });
    // Another account's administrator is not listed.
    const other = await newAccountWithOwner("admins-list-other");

    const newest = await listAdmins(actor);
    expect(newest.total).toBe(3);
    expect(newest.items.map((i) => i.id)).toEqual([a.id, b.id, owner.id]);
    expect(newest.items.map((i) => i.id)).not.toContain(other.owner.id);
    expect(newest.items[0]).toEqual({ ...a, createdAt: expect.any(Date), lastSignInAt: null });
    expect(JSON.stringify(newest)).not.toContain("scrypt$");

    const byEmail = await listAdmins(actor, { sort: "email", order: "asc" });
    expect(byEmail.items.map((i) => i.email)).toEqual([a.email, b.email, owner.email].sort());
    const paged = await listAdmins(actor, { sort: "email", order: "asc", page: 2, perPage: 2 });
    expect(paged.items.map((i) => i.email)).toEqual([byEmail.items[2].email]);
  });

  it("is for Super Administrators only, and refuses a column it cannot sort by", async () => {
    const { actor } = await newAccountWithOwner("admins-list-roles");
    await expectAppError(listAdmins(adminActor(actor.accountId, "access_admin")), "forbidden");
    await expectAppError(listAdmins(adminActor(actor.accountId, "read_only")), "forbidden");
    await expectAppError(listAdmins(actor, { sort: "passwordHash" as never }), "invalid_request", "sort");
  });
});

describe("updateAdminRole", () => {
  it("changes the role, audits before and after, and the new role applies at the next look-up", async () => {
    const { account, actor } = await newAccountWithOwner("admins-role");
    const admin = await addAdmin(actor, "read_only");
    expect(await updateAdminRole(actor, admin.id, { role: "access_admin" })).toEqual({ ...admin, role: "access_admin" });
    expect((await storedAdmin(admin.id))?.role).toBe("access_admin");
    const audit = (await auditRows(account.id, admin.id)).filter((r) => r.action === "admin.update");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.adminId, objectName: admin.email, before: { role: "read_only" }, after: { role: "access_admin" } });
  });

  it("writes nothing when the role does not change", async () => {
    const { account, actor } = await newAccountWithOwner("admins-role-same");
    const admin = await addAdmin(actor, "read_only");
    await updateAdminRole(actor, admin.id, { role: "read_only" });
    expect((await auditRows(account.id, admin.id)).map((r) => r.action)).toEqual(["admin.create"]);
  });

  it("refuses to demote the last Super Administrator, themselves included, and allows it once there is another", async () => {
    const { account, actor, owner } = await newAccountWithOwner("admins-role-last");
    const error = await expectAppError(updateAdminRole(actor, owner.id, { role: "access_admin" }), "conflict");
    expect(error.message).toContain(`${owner.email} is the last Super Administrator`);
    expect((await storedAdmin(owner.id))?.role).toBe("super_admin");

    const second = await addAdmin(actor, "super_admin");
    await updateAdminRole(actor, owner.id, { role: "read_only" });
    expect(await superAdminCount(account.id)).toBe(1);
    await expectAppError(updateAdminRole(actorOf(second), second.id, { role: "read_only" }), "conflict");
  });

  it("is refused to an Access Administrator and a Read only one", async () => {
    const { actor } = await newAccountWithOwner("admins-role-forbidden");
    const admin = await addAdmin(actor, "read_only");
    for (const role of ["access_admin", "read_only"] as const) {
      await expectAppError(updateAdminRole(adminActor(actor.accountId, role), admin.id, { role: "super_admin" }), "forbidden");
    }
    expect((await storedAdmin(admin.id))?.role).toBe("read_only");
  });

  it("names the role of a bad input, and answers not found for an unknown, malformed or other account's id", async () => {
    const { actor } = await newAccountWithOwner("admins-role-bad");
    const admin = await addAdmin(actor);
    await expectAppError(updateAdminRole(actor, admin.id, { role: "owner" as never }), "invalid_request", "role");
    await expectAppError(updateAdminRole(actor, admin.id, {} as never), "invalid_request", "role");
    const other = await newAccountWithOwner("admins-role-bad-other");
    for (const id of ["not-a-uuid", crypto.randomUUID(), other.owner.id]) {
      await expectAppError(updateAdminRole(actor, id, { role: "read_only" }), "not_found");
    }
    expect((await storedAdmin(other.owner.id))?.role).toBe("super_admin");
  });
});

describe("resetAdminPassword", () => {
  it("sets a typed password: the old one stops working, and the audit row holds neither", async () => {
    const { account, actor } = await newAccountWithOwner("admins-reset");
    const admin = await addAdmin(actor);
    const next = "another horse battery staple";
    const result = await resetAdminPassword(actor, admin.id, { password: next });
    expect(result).toEqual(admin);
    expect(await authenticateAdmin(admin.email, PASSWORD, uniqueIp())).toBeNull();
    expect(await authenticateAdmin(admin.email, next, uniqueIp())).toMatchObject({ id: admin.id });

    const audit = (await auditRows(account.id, admin.id)).filter((r) => r.action === "admin.password_reset");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.adminId, objectName: admin.email, before: null, after: null });
    const row = await getDb().admin.findUniqueOrThrow({ where: { id: admin.id } });
    const logged = JSON.stringify((await auditRows(account.id)).map((r) => [r.before, r.after, r.objectName]));
    expect(logged).not.toContain(row.passwordHash);
    expect(logged).not.toContain(next);
  });

  it("generates one, returned once", async () => {
    const { actor } = await newAccountWithOwner("admins-reset-gen");
    const admin = await addAdmin(actor);
    const { generatedPassword } = await resetAdminPassword(actor, admin.id, { generatePassword: true });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await authenticateAdmin(admin.email, generatedPassword!, uniqueIp())).toMatchObject({ id: admin.id });
  });

  it("refuses a short password naming it, other roles, and unknown ids", async () => {
    const { actor } = await newAccountWithOwner("admins-reset-bad");
    const admin = await addAdmin(actor);
    const error = await expectAppError(resetAdminPassword(actor, admin.id, { password: "short" }), "invalid_request", "password");
    expect(error.message).toContain("at least 10 characters");
    await expectAppError(resetAdminPassword(adminActor(actor.accountId, "access_admin"), admin.id, { password: "long enough password" }), "forbidden");
    await expectAppError(resetAdminPassword(actor, "not-a-uuid", { password: "long enough password" }), "not_found");
    await expectAppError(resetAdminPassword(actor, crypto.randomUUID(), { generatePassword: true }), "not_found");
    expect(await authenticateAdmin(admin.email, PASSWORD, uniqueIp())).toMatchObject({ id: admin.id });
  });
});

describe("deleteAdmin", () => {
  it("removes the administrator, who can then no longer sign in, and audits what they were", async () => {
    const { account, actor } = await newAccountWithOwner("admins-delete");
    const admin = await addAdmin(actor, "access_admin");
    expect(await deleteAdmin(actor, admin.id)).toEqual(admin);
    expect(await storedAdmin(admin.id)).toBeNull();
    expect(await authenticateAdmin(admin.email, PASSWORD, uniqueIp())).toBeNull();
    const audit = await auditRows(account.id, admin.id);
    expect(audit.map((r) => r.action)).toEqual(["admin.create", "admin.delete"]);
    expect(audit[1]).toMatchObject({ actorId: actor.adminId, objectName: admin.email, before: { email: admin.email, role: "access_admin" } });
    await expectAppError(deleteAdmin(actor, admin.id), "not_found");
  });

  it("refuses to remove the last Super Administrator, and lets a Super Administrator leave when another remains", async () => {
    const { account, actor, owner } = await newAccountWithOwner("admins-delete-last");
    const error = await expectAppError(deleteAdmin(actor, owner.id), "conflict");
    expect(error.message).toContain(`${owner.email} is the last Super Administrator`);
    expect(await storedAdmin(owner.id)).not.toBeNull();

    await addAdmin(actor, "super_admin");
    await deleteAdmin(actor, owner.id);
    expect(await storedAdmin(owner.id)).toBeNull();
    expect(await superAdminCount(account.id)).toBe(1);
  });

  it("is refused to other roles, and answers not found for a malformed or another account's id", async () => {
    const { actor } = await newAccountWithOwner("admins-delete-bad");
    const admin = await addAdmin(actor, "read_only");
    await expectAppError(deleteAdmin(adminActor(actor.accountId, "access_admin"), admin.id), "forbidden");
    await expectAppError(deleteAdmin(adminActor(actor.accountId, "read_only"), admin.id), "forbidden");
    const other = await newAccountWithOwner("admins-delete-bad-other");
    for (const id of ["not-a-uuid", "", crypto.randomUUID(), other.owner.id]) await expectAppError(deleteAdmin(actor, id), "not_found");
    expect(await storedAdmin(admin.id)).not.toBeNull();
    expect(await storedAdmin(other.owner.id)).not.toBeNull();
  });
});

describe("the administrator's open sessions", () => {
  const live = async (admin: AdminView, sid: string) => (await sessionAdmin(sid, admin.id)) !== null;

  it("end at a demotion, not at a promotion, and the audit row counts them", async () => {
    const { account, actor } = await newAccountWithOwner("admins-sessions-role");
    const admin = await addAdmin(actor, "access_admin");
    const [a, b] = [await startSession(admin.id), await startSession(admin.id)];
    await updateAdminRole(actor, admin.id, { role: "super_admin" });
    expect([await live(admin, a), await live(admin, b)]).toEqual([true, true]);
    await updateAdminRole(actor, admin.id, { role: "read_only" });
    expect([await live(admin, a), await live(admin, b)]).toEqual([false, false]);
    const audit = (await auditRows(account.id, admin.id)).filter((r) => r.action === "admin.update");
    expect(audit.map((r) => r.after)).toEqual([{ role: "super_admin" }, { role: "read_only", sessions_ended: 2 }]);
  });

  it("end at a password reset, but for the session of a Super Administrator resetting their own", async () => {
    const { actor, owner } = await newAccountWithOwner("admins-sessions-reset");
    const admin = await addAdmin(actor);
    const theirs = await startSession(admin.id);
    const mine = await startSession(owner.id);
    const myOther = await startSession(owner.id);
    const bystander = await startSession((await addAdmin(actor)).id);
    await resetAdminPassword({ ...actor, sessionId: mine }, admin.id, { generatePassword: true });
    expect(await live(admin, theirs)).toBe(false);
    await resetAdminPassword({ ...actor, sessionId: mine }, owner.id, { password: "my own new password" });
    expect(await live(owner, mine)).toBe(true);
    expect(await live(owner, myOther)).toBe(false);
    expect(await getDb().adminSession.count({ where: { id: bystander } })).toBe(1);
  });

  it("end at a removal", async () => {
    const { actor } = await newAccountWithOwner("admins-sessions-remove");
    const admin = await addAdmin(actor);
    const sid = await startSession(admin.id);
    await deleteAdmin(actor, admin.id);
    expect(await live(admin, sid)).toBe(false);
    expect(await getDb().adminSession.count({ where: { adminId: admin.id } })).toBe(0);
  });
});

describe("the last Super Administrator under concurrent changes", () => {
  // Two Super Administrators, each changing the other at the same moment: without the lock both
  // would count two and both succeed, leaving none.
  const pairs: [string, (actor: Actor, target: AdminView) => Promise<unknown>][] = [
    ["each demotes the other", (actor, target) => updateAdminRole(actor, target.id, { role: "access_admin" })],
    ["each removes the other", (actor, target) => deleteAdmin(actor, target.id)],
    ["one demotes, the other removes", (actor, target) => (target.email.startsWith("a-") ? updateAdminRole(actor, target.id, { role: "read_only" }) : deleteAdmin(actor, target.id))],
  ];

  it.each(pairs)("%s: exactly one succeeds and one Super Administrator remains", async (_, change) => {
    for (let round = 0; round < 5; round++) {
      const { account, actor } = await newAccountWithOwner("admins-race");
      const a = await createAdmin(actor, { email: `a-${unique("race")}@example.test`, password: PASSWORD, role: "super_admin" });
      const b = await createAdmin(actor, { email: `b-${unique("race")}@example.test`, password: PASSWORD, role: "super_admin" });
      // The owner steps down first, so that a and b are the account's only Super Administrators.
      await updateAdminRole(actorOf(a), actor.adminId, { role: "read_only" });
      expect(await superAdminCount(account.id)).toBe(2);

      const results = await Promise.allSettled([change(actorOf(a), b), change(actorOf(b), a)]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ code: "conflict", message: expect.stringContaining("is the last Super Administrator") });
      expect(await superAdminCount(account.id)).toBe(1);
      const changes = (await auditRows(account.id)).filter((r) => ["admin.update", "admin.delete"].includes(r.action) && r.objectId !== actor.adminId);
      expect(changes).toHaveLength(1);
    }
  });
});
