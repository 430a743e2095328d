import { describe, expect, it } from "vitest";
import { changeOwnPassword } from "../../lib/admins/own-password";
import { authenticateAdmin, createAdmin } from "../../lib/admins/service";
import { endSession, endSessionsOf, sessionAdmin, startSession } from "../../lib/auth/sessions";
import { getDb } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { auditRows, expectAppError, newTenant, unique, uniqueIp } from "../helpers/fixtures";

// Dashboard sessions on the server: a session cookie opens the dashboard only while its row is
// live, so ending a session (signing out, a password change) works at the next request.

const PASSWORD = "correct horse battery staple";

async function newAdmin() {
  const { account, admin: owner } = await newTenant("sessions");
  const email = `${unique("session")}@example.test`;
  const admin = await createAdmin(owner, { email, password: PASSWORD, role: "access_admin" });
  const actor = (sessionId?: string) => ({ kind: "admin" as const, accountId: account.id, adminId: admin.id, email, role: admin.role, sessionId });
  return { account, admin, email, actor };
}

const row = (id: string) => getDb().adminSession.findUnique({ where: { id } });
const backdate = (id: string, data: { lastSeenAt?: Date; expiresAt?: Date }) => getDb().adminSession.update({ where: { id }, data });

describe("a session", () => {
  it("opens the dashboard as its administrator until it is ended, then never again", async () => {
    const { admin } = await newAdmin();
    const sid = await startSession(admin.id);
    expect(await sessionAdmin(sid, admin.id)).toEqual(admin);
    await endSession(sid);
    expect(await sessionAdmin(sid, admin.id)).toBeNull();
    expect(await row(sid)).toBeNull();
    await endSession(sid); // ending it twice is not an error
  });

  it("belongs to one administrator: another's id with it opens nothing", async () => {
    const { admin } = await newAdmin();
    const { admin: other } = await newAdmin();
    const sid = await startSession(admin.id);
    expect(await sessionAdmin(sid, other.id)).toBeNull();
    expect(await sessionAdmin("not-a-uuid", admin.id)).toBeNull();
    expect(await sessionAdmin(sid, "not-a-uuid")).toBeNull();
  });

  it(`ends after SESSION_IDLE_TIMEOUT (default 1h) without a request`, async () => {
    const { admin } = await newAdmin();
    const sid = await startSession(admin.id);
    const idle = getEnv().sessionIdleTimeoutMs;
    expect(idle).toBe(3_600_000);
    await backdate(sid, { lastSeenAt: new Date(Date.now() - idle + 60_000) });
    expect(await sessionAdmin(sid, admin.id)).not.toBeNull();
    await backdate(sid, { lastSeenAt: new Date(Date.now() - idle - 1000) });
    expect(await sessionAdmin(sid, admin.id)).toBeNull();
  });

  it("ends SESSION_MAX_AGE (default 12h) after signing in, however busy", async () => {
    const { admin } = await newAdmin();
    const before = Date.now();
    const sid = await startSession(admin.id);
    const stored = await row(sid);
    expect(getEnv().sessionMaxAgeMs).toBe(12 * 3_600_000);
    expect(stored!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 12 * 3_600_000);
    expect(stored!.expiresAt.getTime()).toBeLessThan(Date.now() + 12 * 3_600_000 + 1000);
    await backdate(sid, { expiresAt: new Date(Date.now() - 1000) });
    expect(await sessionAdmin(sid, admin.id)).toBeNull();
  });

  it("marks itself seen at most once a minute", async () => {
    const { admin } = await newAdmin();
    const sid = await startSession(admin.id);
    const recent = new Date(Date.now() - 20_000);
    await backdate(sid, { lastSeenAt: recent });
    await sessionAdmin(sid, admin.id);
    expect((await row(sid))!.lastSeenAt).toEqual(recent);

    const older = new Date(Date.now() - 5 * 60_000);
    await backdate(sid, { lastSeenAt: older });
    const before = Date.now();
    await sessionAdmin(sid, admin.id);
    expect((await row(sid))!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before - 5);
  });

  it("ends when its administrator is removed", async () => {
    const { admin } = await newAdmin();
    const sid = await startSession(admin.id);
    await getDb().admin.delete({ where: { id: admin.id } });
    expect(await sessionAdmin(sid, admin.id)).toBeNull();
    expect(await row(sid)).toBeNull();
  });

  it("a new sign-in clears the administrator's sessions that ended by time, and only those", async () => {
    const { admin } = await newAdmin();
    const [idle, expired, live] = [await startSession(admin.id), await startSession(admin.id), await startSession(admin.id)];
    await backdate(idle, { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) });
    await backdate(expired, { expiresAt: new Date(Date.now() - 1000) });
    const fresh = await startSession(admin.id);
    expect(await row(idle)).toBeNull();
    expect(await row(expired)).toBeNull();
    expect(await row(live)).not.toBeNull();
    expect(await row(fresh)).not.toBeNull();
  });

  it("endSessionsOf ends every session of the administrator but the one kept, and no one else's", async () => {
    const { admin } = await newAdmin();
    const { admin: other } = await newAdmin();
    const [a, b, c] = [await startSession(admin.id), await startSession(admin.id), await startSession(admin.id)];
    const others = await startSession(other.id);
    expect(await getDb().$transaction((tx) => endSessionsOf(tx, admin.id, b))).toBe(2);
    expect([await row(a), await row(c)]).toEqual([null, null]);
    expect(await row(b)).not.toBeNull();
    expect(await row(others)).not.toBeNull();
  });
});

describe("changeOwnPassword", () => {
  it("needs the current password, then ends the other sessions, keeps this one, and audits without a password", async () => {
    const { account, admin, email, actor } = await newAdmin();
    const [here, elsewhere, third] = [await startSession(admin.id), await startSession(admin.id), await startSession(admin.id)];
    const next = "a brand new passphrase";

    await expectAppError(changeOwnPassword(actor(here), { currentPassword: "not it at all", newPassword: next }), "invalid_request", "currentPassword");
    expect(await sessionAdmin(elsewhere, admin.id)).not.toBeNull();

    expect(await changeOwnPassword(actor(here), { currentPassword: PASSWORD, newPassword: next })).toEqual({ sessionsEnded: 2 });
    expect(await sessionAdmin(here, admin.id)).not.toBeNull();
    expect(await sessionAdmin(elsewhere, admin.id)).toBeNull();
    expect(await sessionAdmin(third, admin.id)).toBeNull();

    expect(await authenticateAdmin(email, PASSWORD, uniqueIp())).toBeNull();
    expect(await authenticateAdmin(email, next, uniqueIp())).toMatchObject({ id: admin.id });

    const audit = (await auditRows(account.id, admin.id)).filter((r) => r.action === "admin.password_change");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, objectName: email, after: { sessions_ended: 2 } });
    const snapshots = JSON.stringify(audit.map((r) => [r.before, r.after]));
    expect(snapshots).not.toContain(next);
    expect(snapshots).not.toContain(PASSWORD);
  });

  it("refuses a short new password and the current one again, naming the field, and changes nothing", async () => {
    const { admin, email, actor } = await newAdmin();
    const sid = await startSession(admin.id);
    const other = await startSession(admin.id);
    await expectAppError(changeOwnPassword(actor(sid), { currentPassword: PASSWORD, newPassword: "short" }), "invalid_request", "newPassword");
    await expectAppError(changeOwnPassword(actor(sid), { currentPassword: PASSWORD, newPassword: PASSWORD }), "invalid_request", "newPassword");
    await expectAppError(changeOwnPassword(actor(sid), { currentPassword: "", newPassword: "long enough password" }), "invalid_request", "currentPassword");
    await expectAppError(changeOwnPassword(actor(sid), { currentPassword: PASSWORD, newPassword: "nul\u0000 in the password" }), "invalid_request", "newPassword");
    expect(await sessionAdmin(other, admin.id)).not.toBeNull();
    expect(await authenticateAdmin(email, PASSWORD, uniqueIp())).toMatchObject({ id: admin.id });
  });

  it("of two changes racing from the same old password, one wins and the other is refused", async () => {
    const { admin, email, actor } = await newAdmin();
    const sid = await startSession(admin.id);
    const results = await Promise.allSettled([
      changeOwnPassword(actor(sid), { currentPassword: PASSWORD, newPassword: "first new passphrase" }),
      changeOwnPassword(actor(sid), { currentPassword: PASSWORD, newPassword: "second new passphrase" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // Refused under the row's check, or, when the winner was all done first, by the password check.
    expect(["conflict", "invalid_request"]).toContain(lost.reason.code);
    const winner = results[0].status === "fulfilled" ? "first new passphrase" : "second new passphrase";
    expect(await authenticateAdmin(email, winner, uniqueIp())).toMatchObject({ id: admin.id });
  });

  it("is an administrator's own: an API token has no password to change", async () => {
    const { account } = await newAdmin();
    await expectAppError(
      changeOwnPassword({ kind: "api_token", accountId: account.id, tokenId: crypto.randomUUID(), name: "t", permissions: [] }, { currentPassword: PASSWORD, newPassword: "whatever it is now" }),
      "forbidden",
    );
  });
});
