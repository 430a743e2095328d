import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { actorCan, actorRef, assertCan, type Actor } from "./actor";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const admin = (role: "super_admin" | "access_admin" | "read_only"): Actor => ({
  kind: "admin",
  accountId: ACCOUNT,
  adminId: "4c0ffee0-0000-4000-8000-000000000001",
  email: "ops@example.test",
  role,
});

describe("assertCan", () => {
  it("throws an AppError forbidden when the actor lacks the capability", () => {
    let thrown: unknown;
    try {
      assertCan(admin("read_only"), "service_tokens:write");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("forbidden");
    expect((thrown as AppError).message).toMatch(/^authentication error/);
  });

  it("returns quietly when the actor has it", () => {
    expect(() => assertCan(admin("access_admin"), "service_tokens:write")).not.toThrow();
    expect(() => assertCan(admin("read_only"), "audit:read")).not.toThrow();
  });

  it("refuses an Access Administrator the Super Administrator's capabilities", () => {
    for (const capability of ["admins:write", "api_tokens:write", "settings:write"] as const) {
      expect(() => assertCan(admin("access_admin"), capability)).toThrow(AppError);
    }
  });
});

describe("actorCan", () => {
  it("gives an API token only what its permission groups grant", () => {
    const token: Actor = { kind: "api_token", accountId: ACCOUNT, tokenId: "t", name: "ci", permissions: ["Access: Service Tokens Read"] };
    expect(actorCan(token, "service_tokens:read")).toBe(true);
    expect(actorCan(token, "service_tokens:write")).toBe(false);
    expect(actorCan(token, "audit:read")).toBe(false);
  });

  it("lets the system (CLI, first-run set-up) do everything", () => {
    const system: Actor = { kind: "system", accountId: ACCOUNT, label: "cli" };
    expect(actorCan(system, "admins:write")).toBe(true);
    expect(actorCan(system, "api_tokens:write")).toBe(true);
  });
});

describe("actorRef", () => {
  it("records an administrator by id and email, an API token by id and name, the system by label", () => {
    expect(actorRef(admin("super_admin"))).toEqual({ actorType: "admin", actorId: "4c0ffee0-0000-4000-8000-000000000001", actorLabel: "ops@example.test" });
    expect(actorRef({ kind: "api_token", accountId: ACCOUNT, tokenId: "tok-1", name: "ci", permissions: [] })).toEqual({
      actorType: "api_token",
      actorId: "tok-1",
      actorLabel: 'API token "ci"',
    });
    expect(actorRef({ kind: "system", accountId: ACCOUNT, label: "cli" })).toEqual({ actorType: "system", actorId: null, actorLabel: "cli" });
  });
});
