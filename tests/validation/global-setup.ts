import type { TestProject } from "vitest/node";
import { createApiTokenWithCli, ensureBuilt, databaseUrlOf, startServer } from "../api/server";

// Once per run of the "validation" project: the production build (shared with the "api" project:
// same folder, built once), one server with its embedded PostgreSQL, and one API token that may
// do everything an administrator of applications and tokens does. Files run side by side: each
// makes its own tokens, applications (on hosts of its own) and client IPs (X-Forwarded-For from
// the trusted loopback peer), so rate limits and caches of one file never touch another's.

export interface ValidationFixture {
  url: string;
  apiBase: string;
  dataDir: string;
  logFile: string;
  databaseUrl: string;
  accountId: string;
  token: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    validation: ValidationFixture;
  }
}

export const ALL_PERMISSIONS = [
  "Access: Service Tokens Write",
  "Access: Apps and Policies Write",
  "Access: Audit Logs Read",
];

export default async function setup(project: TestProject) {
  await ensureBuilt();
  const server = await startServer();
  try {
    const token = await createApiTokenWithCli(server.dataDir, { name: "validation tests", permissions: ALL_PERMISSIONS });
    const accounts = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${token}` } });
    const accountId = ((await accounts.json()) as { result: { id: string }[] }).result[0].id;
    project.provide("validation", {
      url: server.url,
      apiBase: `${server.url}/client/v4`,
      dataDir: server.dataDir,
      logFile: server.logFile,
      databaseUrl: await databaseUrlOf(server.dataDir),
      accountId,
      token,
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return () => server.stop();
}
