import { describe, expect, it } from "vitest";
import { isPermissionGroup, PERMISSION_GROUP_NAMES, permissionsCan, roleCan, ROLES, type Capability, type Role } from "./permissions";

const CAPABILITIES: Capability[] = [
  "service_tokens:read",
  "service_tokens:write",
  "apps:read",
  "apps:write",
  "notifications:read",
  "notifications:write",
  "audit:read",
  "admins:write",
  "api_tokens:write",
  "settings:write",
];

// The roles of README › Command line, written out: Super Administrator everything; Access Administrator tokens, apps,
// policies, notifications; Read only sees everything but changes nothing.
const EXPECTED: Record<Role, Capability[]> = {
  super_admin: CAPABILITIES,
  access_admin: ["service_tokens:read", "service_tokens:write", "apps:read", "apps:write", "notifications:read", "notifications:write", "audit:read"],
  read_only: ["service_tokens:read", "apps:read", "notifications:read", "audit:read"],
};

describe("roleCan", () => {
  it("knows exactly the three roles", () => {
    expect([...ROLES].sort()).toEqual(["access_admin", "read_only", "super_admin"]);
  });

  for (const role of ROLES) {
    for (const capability of CAPABILITIES) {
      const allowed = EXPECTED[role].includes(capability);
      it(`${role} ${allowed ? "has" : "lacks"} ${capability}`, () => {
        expect(roleCan(role, capability)).toBe(allowed);
      });
    }
  }
});

describe("permission groups", () => {
  // README › API compatibility's permission table, with Write implying Read.
  const GROUPS: Record<string, Capability[]> = {
    "Access: Service Tokens Read": ["service_tokens:read"],
    "Access: Service Tokens Write": ["service_tokens:read", "service_tokens:write"],
    "Access: Apps and Policies Read": ["apps:read"],
    "Access: Apps and Policies Write": ["apps:read", "apps:write"],
    "Notifications Read": ["notifications:read"],
    "Notifications Write": ["notifications:read", "notifications:write"],
    "Access: Audit Logs Read": ["audit:read"],
  };

  it("are exactly Cloudflare's names", () => {
    expect([...PERMISSION_GROUP_NAMES].sort()).toEqual(Object.keys(GROUPS).sort());
  });

  for (const [group, grants] of Object.entries(GROUPS)) {
    it(`${group} grants ${grants.join(", ")} and nothing else`, () => {
      expect(isPermissionGroup(group)).toBe(true);
      for (const capability of CAPABILITIES) {
        expect(permissionsCan([group], capability), capability).toBe(grants.includes(capability));
      }
    });
  }

  it("never grant administrator, API token or settings changes", () => {
    for (const capability of ["admins:write", "api_tokens:write", "settings:write"] as const) {
      expect(permissionsCan(PERMISSION_GROUP_NAMES, capability)).toBe(false);
    }
  });

  it("combine: any group granting the capability is enough", () => {
    expect(permissionsCan(["Notifications Read", "Access: Service Tokens Write"], "service_tokens:write")).toBe(true);
  });

  it("ignore unknown names, other spellings and prototype keys", () => {
    for (const name of ["Access: Service Tokens Admin", "access: service tokens write", "Access: Service Tokens Write ", "toString", "__proto__", "constructor", ""]) {
      expect(isPermissionGroup(name), name).toBe(false);
      expect(permissionsCan([name], "service_tokens:read"), name).toBe(false);
    }
    expect(permissionsCan([], "service_tokens:read")).toBe(false);
  });
});
