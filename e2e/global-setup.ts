import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { ensureTestBuild, TEST_DIST_DIR } from "../tests/harness/build";
import { startGatepost, type GatepostProcess } from "../tests/harness/gatepost";
import { cli, commandLine, embeddedDatabaseUrl, freePort, isAlive, makeDataDir, postmasterPid, waitForExit } from "../tests/harness/processes";
import type { E2eAdmin, E2eRole, E2eState } from "./support/state";

// One production build (the run's, shared with the API and validation suites) and one server per
// run, its embedded PostgreSQL in a DATA_DIR of its own. The administrators of each role are
// created with the CLI while it runs, then signed in once through next-auth's own endpoints; the
// tests reuse those cookies (storageState).

const DATA_DIR_PREFIX = "gatepost-e2e-";

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** From /proc/<pid>/stat: "pid (comm) state ppid ...". */
function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * A run killed before its teardown leaves its server behind (tsx's launcher, its node child and
 * PostgreSQL), adopted by PID 1. Stop those and remove their folders: walking up from PostgreSQL,
 * a live run reaches its Playwright runner, an orphan reaches PID 1 through server.ts alone.
 */
async function stopOrphans(): Promise<void> {
  for (const entry of readdirSync(os.tmpdir())) {
    if (!entry.startsWith(DATA_DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), entry);
    const pgPid = postmasterPid(dir);
    if (pgPid === null || !isAlive(pgPid)) continue;
    let top = pgPid;
    for (let parent = parentPid(top); parent !== null && parent !== 1; parent = parentPid(top)) {
      if (!commandLine(parent).includes("server.ts")) {
        top = 0;
        break;
      }
      top = parent;
    }
    if (top === 0) continue;
    log(`stopping the server (pid ${top}) left behind by an earlier run in ${dir}`);
    process.kill(top, "SIGINT");
    if ((await waitForExit(top, 30_000)) && (await waitForExit(pgPid, 15_000))) rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI beside the run's server (its PostgreSQL); the last line it printed. */
async function runCli(dataDir: string, args: string[]): Promise<string> {
  return (await cli(dataDir, args)).split("\n").pop()!.trim();
}

/** Signs in through next-auth's credentials callback and keeps the session cookies. */
async function signIn(baseURL: string, admin: { email: string; password: string }, file: string): Promise<void> {
  const ctx = await request.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: admin.email, password: admin.password, callbackUrl: `${baseURL}/service-tokens`, json: "true" },
      maxRedirects: 0,
    });
    const session = (await (await ctx.get("/api/auth/session")).json()) as { adminId?: string } | null;
    if (!session?.adminId) throw new Error(`signing in ${admin.email} failed (HTTP ${res.status()}: ${await res.text()})`);
    await ctx.storageState({ path: file });
  } finally {
    await ctx.dispose();
  }
}

/** Stops the server and its PostgreSQL; a server or PostgreSQL that had to be forced is an error. */
async function stopServer(server: GatepostProcess): Promise<void> {
  const stopped = await server.stop();
  if (!stopped.clean) throw new Error(stopped.message);
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  await ensureTestBuild((line) => log(line));
  await stopOrphans();
  const dataDir = makeDataDir(DATA_DIR_PREFIX);
  const port = await freePort({ range: [3200, 3299] });
  const baseURL = `http://127.0.0.1:${port}`;
  const tag = randomBytes(3).toString("hex");
  const password = (role: string) => `${role}-${randomBytes(12).toString("hex")}`;
  const creds: Record<E2eRole, { email: string; password: string }> = {
    super_admin: { email: `super-${tag}@e2e.gatepost.test`, password: password("super") },
    access_admin: { email: `access-${tag}@e2e.gatepost.test`, password: password("access") },
    read_only: { email: `readonly-${tag}@e2e.gatepost.test`, password: password("readonly") },
    empty_account: { email: `empty-${tag}@e2e.gatepost.test`, password: password("empty") },
  };

  log(`starting the server on ${baseURL} (DATA_DIR=${dataDir})`);
  const started = Date.now();
  // The server's log level is the default (info): its server.log is the post-mortem of a failed run.
  const server = await startGatepost({
    dataDir,
    distDir: TEST_DIST_DIR,
    port,
    logLevel: "info",
    env: {
      NODE_ENV: undefined,
      PUBLIC_URL: baseURL,
      ADMIN_EMAIL: creds.super_admin.email,
      ADMIN_PASSWORD: creds.super_admin.password,
      ALERT_SCAN_INTERVAL: "1h",
    },
  });
  log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${server.pid})`);
  const stop = async () => {
    const stopping = Date.now();
    await stopServer(server);
    log(`server and PostgreSQL stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    if (process.env.E2E_KEEP_DATA === "1") log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };
  // Whatever happens to this process, the server must not outlive it.
  process.once("exit", () => {
    if (isAlive(server.pid)) process.kill(server.pid, "SIGINT");
  });

  try {
    const [, , emptyAccountId] = await Promise.all([
      runCli(dataDir, ["admin", "create", "--email", creds.access_admin.email, "--password", creds.access_admin.password, "--role", "access_admin"]),
      runCli(dataDir, ["admin", "create", "--email", creds.read_only.email, "--password", creds.read_only.password, "--role", "read_only"]),
      (async () => {
        const accountId = await runCli(dataDir, ["account", "create", "--name", `Empty ${tag}`]);
        await runCli(dataDir, [
          "admin", "create", "--email", creds.empty_account.email, "--password", creds.empty_account.password,
          "--role", "access_admin", "--account", accountId,
        ]);
        return accountId;
      })(),
    ]);

    const authDir = path.join(dataDir, "auth");
    mkdirSync(authDir, { recursive: true });
    const admins = {} as Record<E2eRole, E2eAdmin>;
    await Promise.all(
      (Object.keys(creds) as E2eRole[]).map(async (role) => {
        const storageState = path.join(authDir, `${role}.json`);
        await signIn(baseURL, creds[role], storageState);
        admins[role] = { ...creds[role], storageState };
      }),
    );

    const state: E2eState = {
      baseURL,
      dataDir,
      serverPid: server.pid,
      databaseUrl: embeddedDatabaseUrl(dataDir),
      admins,
      emptyAccountId,
    };
    const stateFile = path.join(dataDir, "e2e-state.json");
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
    process.env.E2E_STATE = stateFile;
    log(`set-up done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    // Keep DATA_DIR (and its server.log) for the post-mortem.
    await stopServer(server).catch((err: Error) => log(err.message));
    log(`set-up failed; the server log is in ${path.join(dataDir, "server.log")}`);
    throw e;
  }
  return stop;
}
