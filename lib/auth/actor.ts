import { AppError } from "../errors";
import { permissionsCan, roleCan, type Capability, type Role } from "./permissions";

// The caller of a domain function, identified at the edge (requireAdmin, withApiToken, the CLI)
// and passed in, so domain functions never read sessions or headers themselves.
export type Actor =
  | { kind: "admin"; accountId: string; adminId: string; email: string; role: Role; sessionId?: string }
  | { kind: "api_token"; accountId: string; tokenId: string; name: string; permissions: string[] }
  | { kind: "system"; accountId: string; label: string };

/** The system acting on the installation rather than inside one account (the CLI creating an account). */
export type InstallationActor = { kind: "system"; label: string };

export function actorCan(actor: Actor, capability: Capability): boolean {
  switch (actor.kind) {
    case "admin":
      return roleCan(actor.role, capability);
    case "api_token":
      return permissionsCan(actor.permissions, capability);
    case "system":
      return true;
  }
}

export function assertCan(actor: Actor, capability: Capability): void {
  if (!actorCan(actor, capability)) {
    throw new AppError("forbidden", "authentication error: your role does not allow this change");
  }
}

/** How the actor is recorded in the audit log. */
export function actorRef(actor: Actor): { actorType: string; actorId: string | null; actorLabel: string } {
  switch (actor.kind) {
    case "admin":
      return { actorType: "admin", actorId: actor.adminId, actorLabel: actor.email };
    case "api_token":
      return { actorType: "api_token", actorId: actor.tokenId, actorLabel: `API token "${actor.name}"` };
    case "system":
      return { actorType: "system", actorId: null, actorLabel: actor.label };
  }
}
