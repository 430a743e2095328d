import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { DIST_DIR } from "./build";

// The two servers under test, each its own process stopped by its PID: Gatepost (server.ts, which
// owns the embedded PostgreSQL) and the bare node:http baseline.

const PORT_RANGE = [3300, 3399] as const;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** A free loopback port in 3300-3399, starting at a random offset so parallel runs rarely collide. */
export async function freePort(exclude: number[] = []): Promise<number> {
  const size = PORT_RANGE[1] - PORT_RANGE[0] + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = PORT_RANGE[0] + ((start + i) % size);
    if (!exclude.includes(port) && (await canListen(port))) return port;
  }
  throw new Error(`no free port in ${PORT_RANGE.join("-")}`);
}

/** Any free loopback port, for the embedded PostgreSQL. */
export function freeEphemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => child.once("exit", () => resolve(true))),
    sleep(ms).then(() => false),
  ]);
}

function tail(file: string, lines = 20): string {
  return existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "(no log)";
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** The process that serves requests, when it is not `pid` itself (tsx runs server.ts in a child). */
  servingPid?: () => number | undefined;
  stop(): Promise<string>;
}

export interface GatepostOptions {
  dataDir: string;
  port: number;
  pgPort: number;
  adminEmail: string;
  adminPassword: string;
  logFile: string;
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** Node flags for server.ts (tsx hands them on), e.g. --cpu-prof, which NODE_OPTIONS refuses. */
  nodeArgs?: string[];
}

/** The postmaster of DATA_DIR, read from postmaster.pid as lib/db/embedded.ts does. */
function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Child processes of `pid` (Linux /proc), empty when unknown. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function startGatepost(opts: GatepostOptions): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "AUTH_SECRET", "LOG_DESTINATION", "PUBLIC_URL", "NEXTAUTH_URL", "NEXTAUTH_URL_INTERNAL"]) delete env[k];
  Object.assign(env, {
    DATA_DIR: opts.dataDir,
    NEXT_DIST_DIR: DIST_DIR,
    SKIP_BUILD: "1",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    EMBEDDED_PG_PORT: String(opts.pgPort),
    ADMIN_EMAIL: opts.adminEmail,
    ADMIN_PASSWORD: opts.adminPassword,
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  }, opts.env);
  const out = openSync(opts.logFile, "w");
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.node.json", ...(opts.nodeArgs ?? []), "server.ts"], {
    env,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const serverPid = () =>
    childPids(child.pid!).find((pid) => {
      const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
      return cmdline.includes("server.ts");
    });

  const stop = async (): Promise<string> => {
    const pg = postmasterPid(opts.dataDir);
    if (child.exitCode === null && child.signalCode === null) {
      // tsx runs server.ts in a child process and relays signals to it, but SIGKILLs that child when
      // it does not acknowledge within 30 ms (a busy machine is enough), which orphans PostgreSQL.
      // So the signal goes to server.ts itself; tsx exits when it does.
      const server = serverPid();
      if (server) process.kill(server, "SIGINT");
      else child.kill("SIGINT");
    }
    const exited = await waitForExit(child, 20_000);
    if (!exited) child.kill("SIGKILL");
    // server.ts stops PostgreSQL on SIGINT; check, and stop it ourselves if it was orphaned.
    if (pg !== null && isAlive(pg)) {
      for (let i = 0; i < 100 && isAlive(pg); i++) await sleep(100);
      if (isAlive(pg)) {
        process.kill(pg, "SIGINT");
        for (let i = 0; i < 100 && isAlive(pg); i++) await sleep(100);
        return `server ${exited ? "stopped" : "killed"}; PostgreSQL ${pg} outlived it and was stopped by the bench`;
      }
    }
    return `server ${child.pid} ${exited ? "stopped on SIGINT" : "did not stop in 20 s and was killed"}, PostgreSQL ${pg ?? "?"} stopped`;
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up:\n${tail(opts.logFile)}`);
    try {
      const res = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok) return { baseUrl, pid: child.pid!, servingPid: serverPid, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server not ready after 90 s:\n${tail(opts.logFile)}`);
}

/**
 * A small node:http server of the bench (`script` under bench/, port in argv[2], prints a line when
 * listening): the bare baseline, or the always-200 auth server of the nginx cases.
 */
export async function startBaseline(port: number, script = "baseline-server.mjs"): Promise<RunningServer> {
  const child = spawn(process.execPath, [path.join("bench", script), String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  const name = script === "baseline-server.mjs" ? "baseline" : script.replace(/\.mjs$/, "");
  try {
    await Promise.race([
      new Promise<void>((resolve) => child.stdout!.once("data", () => resolve())),
      new Promise<void>((_, reject) => child.once("exit", (code) => reject(new Error(`${name} server exited with ${code}`)))),
      sleep(10_000).then(() => Promise.reject(new Error(`${name} server not ready after 10 s`))),
    ]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGINT");
      if (!(await waitForExit(child, 5_000))) child.kill("SIGKILL");
      return `${name} ${child.pid} stopped`;
    },
  };
}
