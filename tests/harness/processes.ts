import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Processes and ports for the tests and the benchmarks: children whose exit code and output the
// caller sees, free ports, and what a Gatepost DATA_DIR says about its embedded PostgreSQL.

export const ROOT = path.resolve(__dirname, "../..");

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A free loopback port: the kernel's choice, or one in `range` (for a run whose ports should be
 * recognisable), starting at a random offset so that parallel runs rarely collide.
 */
export async function freePort(opts: { range?: readonly [number, number]; exclude?: readonly number[] } = {}): Promise<number> {
  if (!opts.range) return ephemeralPort();
  const [low, high] = opts.range;
  const size = high - low + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = low + ((start + i) % size);
    if (!opts.exclude?.includes(port) && (await canListen(port))) return port;
  }
  throw new Error(`no free port in ${low}-${high}`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's (PostgreSQL runs as "postgres" when we are root).
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `target` (a child of ours, or any pid) exited within `ms`. */
export async function waitForExit(target: ChildProcess | number, ms: number): Promise<boolean> {
  if (typeof target === "number") {
    const until = Date.now() + ms;
    while (Date.now() < until && isAlive(target)) await sleep(100);
    return !isAlive(target);
  }
  if (target.exitCode !== null || target.signalCode !== null) return true;
  return new Promise<boolean>((resolve) => {
    // Cleared on exit: a pending timer would keep the caller's process alive after its teardown.
    const timer = setTimeout(() => resolve(false), ms);
    target.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Child processes of `pid` (Linux /proc), empty when unknown. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** A fresh temporary DATA_DIR. As root, PostgreSQL runs as the "postgres" user, which must enter it. */
export function makeDataDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** The postmaster of DATA_DIR's embedded PostgreSQL, read from postmaster.pid as lib/db/embedded.ts does. */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The URL of the embedded PostgreSQL a server of `dataDir` runs (its password file and postmaster.pid). */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const port = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[3]);
  return `postgresql://postgres:${password}@127.0.0.1:${port}/gatepost`;
}

/**
 * The runner's environment for a child that must not inherit the runner's own wiring: Vitest's
 * variables, NODE_OPTIONS, LOG_LEVEL and DATABASE_URL are left out; `extra` goes over the rest
 * (undefined removes).
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("VITEST") || key === "LOG_LEVEL" || key === "DATABASE_URL" || key === "NODE_OPTIONS") delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, for tests that must see what a user sees: exit code, stdout, stderr. */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 200_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The app's settings a developer's shell may hold: a server or CLI of the tests starts without them. */
const APP_SETTINGS = [
  "DATABASE_URL", "EMBEDDED_PG_PORT", "AUTH_SECRET", "PUBLIC_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD", "SMTP_URL", "SMTP_FROM",
  "LOG_DESTINATION", "NEXTAUTH_URL", "NEXTAUTH_URL_INTERNAL",
];

/** The environment of a Gatepost process (server or CLI) of the tests: none of the runner's app settings, then `extra`. */
export function appEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return childEnv({ ...Object.fromEntries(APP_SETTINGS.map((k) => [k, undefined])), ...extra });
}

/**
 * `npm run -s cli -- <args>` as an operator runs it, beside a server of `dataDir` (whose running
 * PostgreSQL it reuses) unless `env` names a DATABASE_URL; resolves to the value it printed.
 * Asynchronous on purpose: a caller's blocked event loop would miss its servers' events.
 */
export async function cli(dataDir: string, args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const r = await runChild("npm", ["run", "-s", "cli", "--", ...args], appEnv({ ...env, DATA_DIR: dataDir, LOG_LEVEL: "warn" }), 120_000);
  if (r.code !== 0) throw new Error(`npm run cli -- ${args.slice(0, 2).join(" ")} exited with ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}
