// Who may do what. Administrators get capabilities from their role; API tokens from their
// permission groups (Cloudflare's names). Pure: no I/O.

export const ROLES = ["super_admin", "access_admin", "read_only"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  super_admin: "Super Administrator",
  access_admin: "Access Administrator",
  read_only: "Read only",
};

export type Capability =
  | "service_tokens:read"
  | "service_tokens:write"
  | "apps:read"
  | "apps:write"
  | "notifications:read"
  | "notifications:write"
  | "audit:read"
  | "admins:write"
  | "api_tokens:write"
  | "settings:write";

const READ: Capability[] = ["service_tokens:read", "apps:read", "notifications:read", "audit:read"];

const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  super_admin: new Set<Capability>([
    ...READ,
    "service_tokens:write",
    "apps:write",
    "notifications:write",
    "admins:write",
    "api_tokens:write",
    "settings:write",
  ]),
  access_admin: new Set<Capability>([...READ, "service_tokens:write", "apps:write", "notifications:write"]),
  read_only: new Set<Capability>(READ),
};

export const PERMISSION_GROUPS = {
  "Access: Service Tokens Read": ["service_tokens:read"],
  "Access: Service Tokens Write": ["service_tokens:read", "service_tokens:write"],
  "Access: Apps and Policies Read": ["apps:read"],
  "Access: Apps and Policies Write": ["apps:read", "apps:write"],
  "Notifications Read": ["notifications:read"],
  "Notifications Write": ["notifications:read", "notifications:write"],
  "Access: Audit Logs Read": ["audit:read"],
} as const satisfies Record<string, Capability[]>;

export type PermissionGroup = keyof typeof PERMISSION_GROUPS;
export const PERMISSION_GROUP_NAMES = Object.keys(PERMISSION_GROUPS) as PermissionGroup[];

export function isPermissionGroup(name: string): name is PermissionGroup {
  return Object.hasOwn(PERMISSION_GROUPS, name);
}

export function roleCan(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].has(capability);
}

export function permissionsCan(groups: readonly string[], capability: Capability): boolean {
  return groups.some((g) => isPermissionGroup(g) && (PERMISSION_GROUPS[g] as readonly Capability[]).includes(capability));
}
