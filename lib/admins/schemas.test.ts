import { describe, expect, it } from "vitest";
import { createAdminSchema, resetAdminPasswordSchema } from "./schemas";

describe("the password of an administrator's input", () => {
  it("is the one typed, or null to generate one", () => {
    expect(createAdminSchema.parse({ email: "A@Example.test", role: "read_only", password: "long enough!" })).toEqual({
      email: "a@example.test",
      role: "read_only",
      password: "long enough!",
    });
    expect(resetAdminPasswordSchema.parse({ generatePassword: true })).toEqual({ password: null });
    expect(resetAdminPasswordSchema.parse({ generatePassword: true, password: "" })).toEqual({ password: null });
  });

  it.each([
    [{}, "is required (or generatePassword: true)"],
    [{ password: "short" }, "must be at least 10 characters"],
    [{ password: 12345678901 }, "must be a string"],
    [{ password: "long enough!", generatePassword: true }, "must be left out when generatePassword is true"],
  ])("refuses %j on the password field: %s", (input, message) => {
    const result = resetAdminPasswordSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["password"], message });
  });
});
