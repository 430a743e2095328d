import type { TestProject } from "vitest/node";
import { ensureTestBuild } from "../harness/build";
import { startTestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { createAccountWithCli, createApiTokenWithCli, insertApiToken } from "../harness/server-fixtures";

// Once per run of the "api" project: the run's production build (tests/harness/build.ts), one
// server on it with its own embedded PostgreSQL, and the API tokens the files share: the writer
// made with the real CLI as a user would (it reuses the server's PostgreSQL), the variants the CLI
// cannot make (expired, revoked, ...) written straight into the database. The files run side by
// side; those that check a whole account make one of their own (server-fixtures.ts insertAccount).

export interface ApiFixture {
  url: string;
  apiBase: string;
  dataDir: string;
  logFile: string;
  databaseUrl: string;
  accountId: string;
  otherAccountId: string;
  tokens: {
    /** Access: Service Tokens Write (which includes Read), made with the CLI. */
    write: string;
    /** Access: Service Tokens Read only. */
    read: string;
    /** Notifications Read: no service-token permission at all. */
    unrelated: string;
    /** Access: Service Tokens Write, of the other account. */
    otherAccount: string;
    expired: string;
    revoked: string;
  };
  /** The permission groups of each token above, for deriving expectations from the route table. */
  permissions: Record<string, string[]>;
}

declare module "vitest" {
  export interface ProvidedContext {
    api: ApiFixture;
  }
}

const WRITE = ["Access: Service Tokens Write"];
const PERMISSIONS = {
  write: WRITE,
  read: ["Access: Service Tokens Read"],
  unrelated: ["Notifications Read"],
  otherAccount: WRITE,
  expired: WRITE,
  revoked: WRITE,
};

const step = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  const started = Date.now();
  const out = await fn();
  process.stderr.write(`[api tests] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return out;
};

export default async function setup(project: TestProject) {
  await step("next build (when stale)", () => ensureTestBuild());
  const server = await step("server start", () => startTestServer());
  try {
    const d = server.dataDir;
    // The CLI, as a user would run it beside the server (it reuses the server's PostgreSQL).
    const [write, otherAccountId] = await step("CLI", () =>
      Promise.all([createApiTokenWithCli(d, { name: "writer", permissions: WRITE }), createAccountWithCli(d, "Other account")]),
    );
    const accounts = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${write}` } });
    const accountId = ((await accounts.json()) as { result: { id: string }[] }).result[0].id;

    const databaseUrl = embeddedDatabaseUrl(d);
    const make = (name: string, permissions: string[], extra: { accountId?: string; expiresAt?: Date; revoked?: boolean } = {}) =>
      insertApiToken(databaseUrl, { accountId: extra.accountId ?? accountId, name, permissions, expiresAt: extra.expiresAt, revoked: extra.revoked });
    const [read, unrelated, otherAccount, expired, revoked] = await Promise.all([
      make("reader", PERMISSIONS.read),
      make("unrelated", PERMISSIONS.unrelated),
      make("other", PERMISSIONS.otherAccount, { accountId: otherAccountId }),
      make("expired", PERMISSIONS.expired, { expiresAt: new Date(Date.now() - 1000) }),
      make("revoked", PERMISSIONS.revoked, { revoked: true }),
    ]);

    project.provide("api", {
      url: server.url,
      apiBase: `${server.url}/client/v4`,
      dataDir: d,
      logFile: server.logFile,
      databaseUrl,
      accountId,
      otherAccountId,
      tokens: { write, read, unrelated, otherAccount, expired, revoked },
      permissions: PERMISSIONS,
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return () => server.stop();
}
