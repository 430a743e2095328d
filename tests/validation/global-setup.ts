import type { TestProject } from "vitest/node";
import { ensureTestBuild } from "../harness/build";
import { startTestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { createApiTokenWithCli } from "../harness/server-fixtures";

// Once per run of the "validation" project: the run's production build (tests/harness/build.ts,
// shared with the "api" project and Playwright), one server with its embedded PostgreSQL, and one API token that may
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
  await ensureTestBuild();
  const server = await startTestServer();
  try {
    const token = await createApiTokenWithCli(server.dataDir, { name: "validation tests", permissions: ALL_PERMISSIONS });
    const accounts = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${token}` } });
    const accountId = ((await accounts.json()) as { result: { id: string }[] }).result[0].id;
    project.provide("validation", {
      url: server.url,
      apiBase: `${server.url}/client/v4`,
      dataDir: server.dataDir,
      logFile: server.logFile,
      databaseUrl: embeddedDatabaseUrl(server.dataDir),
      accountId,
      token,
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return () => server.stop();
}
