import { readFileSync } from "node:fs";

// What the global set-up hands to the tests: written to a JSON file in the run's data directory,
// whose path travels in E2E_STATE (workers inherit the environment the set-up leaves behind).

/** The administrators the set-up signs in; `empty_account` is an Access Administrator of an account with no tokens. */
export type E2eRole = "super_admin" | "access_admin" | "read_only" | "empty_account";

export interface E2eAdmin {
  email: string;
  password: string;
  /** next-auth cookies of a signed-in session, for `storageState`. */
  storageState: string;
}

export interface E2eState {
  baseURL: string;
  dataDir: string;
  serverPid: number;
  /** The embedded PostgreSQL of the running server, for assertions on what was stored. */
  databaseUrl: string;
  admins: Record<E2eRole, E2eAdmin>;
  emptyAccountId: string;
}

let cached: E2eState | undefined;

export function e2eState(): E2eState {
  if (cached) return cached;
  const file = process.env.E2E_STATE;
  if (!file) throw new Error("E2E_STATE is not set: run the suite through `playwright test` (globalSetup starts the server)");
  cached = JSON.parse(readFileSync(file, "utf8")) as E2eState;
  return cached;
}
