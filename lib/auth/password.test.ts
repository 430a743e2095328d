import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("stores scrypt with a random salt, never the password", async () => {
    const password = "correct horse battery staple";
    const [a, b] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(a).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(password);
  });

  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("handles passwords with any characters", async () => {
    const password = "pässwörd ✓ 🔑 \u0000 end";
    const stored = await hashPassword(password);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword("pässwörd ✓ 🔑  end", stored)).toBe(false);
  });

  it("refuses, without throwing, a stored value that is not one of its hashes", async () => {
    const salt = "00".repeat(16);
    const bad = ["", "plain", "bcrypt$aa$bb", "scrypt$$", "scrypt$00", "scrypt$00$", "md5$00$11"];
    // Corrupted digests that decode to nothing (or almost nothing) must not verify every password.
    bad.push(`scrypt$${salt}$zz`, `scrypt$${salt}$0`, `scrypt$${salt}$${"g".repeat(128)}`, `scrypt$${salt}$00`);
    for (const stored of bad) {
      expect(await verifyPassword("anything", stored), stored).toBe(false);
    }
  });
});
