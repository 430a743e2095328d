import { describe, expect, it } from "vitest";
import { authenticateAdmin, createAdmin, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "../../lib/admins/service";
import { verifyPassword } from "../../lib/auth/password";
import { getDb } from "../../lib/db/client";
import { expectAppError, newTenant, storedAdmin, unique, uniqueIp } from "../helpers/fixtures";

// Dashboard administrators on the shared database: every test uses its own emails and client IP,
// so the sign-in limits (counted per email and per IP) of one test never reach another.

const PASSWORD = "correct horse battery staple";

async function newAdmin(role: "super_admin" | "access_admin" | "read_only" = "access_admin") {
  const { account, admin: owner } = await newTenant("admins");
  const email = `${unique("admin")}@example.test`;
  const admin = await createAdmin(owner, { email, password: PASSWORD, role });
  return { account, owner, admin, email };
}

describe("createAdmin", () => {
  it("stores a scrypt hash, never the password, and lower-cases the email", async () => {
    const { account, admin: owner } = await newTenant("admins-create");
    const email = `${unique("Mixed.Case")}@Example.TEST`;
    const admin = await createAdmin(owner, { email, password: PASSWORD, role: "read_only" });
    expect(admin).toMatchObject({ accountId: account.id, email: email.toLowerCase(), role: "read_only" });

    const row = await getDb().admin.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true);
    expect(await storedAdmin(admin.id)).toEqual(admin);
  });

  it("refuses a second administrator with the same email, whatever its case", async () => {
    const { owner, email } = await newAdmin();
    await expectAppError(createAdmin(owner, { email: email.toUpperCase(), password: PASSWORD, role: "read_only" }), "conflict");
    expect(await getDb().admin.count({ where: { email } })).toBe(1);
  });

  it.each([
    [{ email: "not-an-email", password: PASSWORD, role: "read_only" }, "email"],
    [{ email: "ok@example.test", password: "short", role: "read_only" }, "password"],
    [{ email: "ok@example.test", password: PASSWORD, role: "owner" }, "role"],
  ])("refuses %j naming %s, and creates nothing", async (input, field) => {
    const { account, admin: owner } = await newTenant("admins-bad");
    await expectAppError(createAdmin(owner, input as never), "invalid_request", field);
    expect(await getDb().admin.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("answers null for a malformed administrator id", async () => {
    expect(await storedAdmin("not-a-uuid")).toBeNull();
    expect(await storedAdmin(crypto.randomUUID())).toBeNull();
  });
});

describe("authenticateAdmin", () => {
  it("signs in with the right password, whatever the email's case and surrounding spaces", async () => {
    const { admin, email } = await newAdmin("super_admin");
    const ip = uniqueIp();
    const signedIn = await authenticateAdmin(`  ${email.toUpperCase()} `, PASSWORD, ip);
    expect(signedIn).toEqual(admin);
    const row = await getDb().admin.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.lastSignInAt).not.toBeNull();
    const attempts = await getDb().signInAttempt.findMany({ where: { ip } });
    expect(attempts.map((a) => a.success)).toEqual([true]);
  });

  it("refuses a wrong password and records the failure", async () => {
    const { email } = await newAdmin();
    const ip = uniqueIp();
    expect(await authenticateAdmin(email, `${PASSWORD}!`, ip)).toBeNull();
    expect(await authenticateAdmin(email, "", ip)).toBeNull();
    const attempts = await getDb().signInAttempt.findMany({ where: { ip } });
    expect(attempts.map((a) => [a.email, a.success])).toEqual([
      [email, false],
      [email, false],
    ]);
  });

  it("refuses an email PostgreSQL cannot store (a NUL, an unpaired surrogate, one cut in half) without an error", async () => {
    const { email } = await newAdmin();
    const ip = uniqueIp();
    for (const hostile of [`${email}\u0000`, `\ud800${email}`, `${"a".repeat(319)}\u{1F600}@example.com`]) {
      expect(await authenticateAdmin(hostile, PASSWORD, ip)).toBeNull();
    }
  });

  it("refuses an unknown email like a wrong password", async () => {
    const ip = uniqueIp();
    const email = `${unique("nobody")}@example.test`;
    expect(await authenticateAdmin(email, PASSWORD, ip)).toBeNull();
    expect(await getDb().signInAttempt.count({ where: { email, success: false } })).toBe(1);
  });

  it(`is rate limited after ${MAX_FAILURES_PER_EMAIL} failures for an email, even with the right password`, async () => {
    const { email } = await newAdmin();
    // Failures from several addresses: the limit is per email, not only per IP.
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await authenticateAdmin(email, "wrong password!", uniqueIp())).toBeNull();
    }
    const error = await expectAppError(authenticateAdmin(email, PASSWORD, uniqueIp()), "rate_limited");
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
    // The refused attempt is not counted as a success.
    expect(await getDb().signInAttempt.count({ where: { email, success: true } })).toBe(0);
  });

  it("does not limit an email after fewer failures, nor another email", async () => {
    const first = await newAdmin();
    const second = await newAdmin();
    const ip = uniqueIp();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await authenticateAdmin(first.email, "wrong password!", ip);
    expect(await authenticateAdmin(first.email, PASSWORD, ip)).toEqual(first.admin);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await authenticateAdmin(second.email, "wrong password!", uniqueIp());
    await expectAppError(authenticateAdmin(second.email, PASSWORD, uniqueIp()), "rate_limited");
    // The first email is not caught by the second one's limit.
    expect(await authenticateAdmin(first.email, PASSWORD, uniqueIp())).toEqual(first.admin);
  });

  // Twenty scrypt hashes: a timeout of its own for a busy machine.
  it(`is rate limited after ${MAX_FAILURES_PER_IP} failures from one address, whatever the email`, { timeout: 180_000 }, async () => {
    const { admin, email } = await newAdmin();
    const ip = uniqueIp();
    const failures = Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => `${unique(`spray${i}`)}@example.test`);
    // All at once (quicker): whatever the order, at most 19 are recorded when one is checked, so none is refused.
    expect(await Promise.all(failures.map((e) => authenticateAdmin(e, "guess", ip)))).toEqual(failures.map(() => null));
    expect(await getDb().signInAttempt.count({ where: { ip, success: false } })).toBe(MAX_FAILURES_PER_IP);
    await expectAppError(authenticateAdmin(email, PASSWORD, ip), "rate_limited");
    expect(await authenticateAdmin(email, PASSWORD, uniqueIp())).toEqual(admin);
  });
});
