import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startGatepost as startServer } from "../tests/harness/gatepost";
import { freePort, sleep, waitForExit } from "../tests/harness/processes";
import { DIST_DIR } from "./build";

// The servers under test, each its own process stopped by its PID: Gatepost (server.ts, which owns
// the embedded PostgreSQL; started and stopped as the tests do, tests/harness/gatepost.ts) and the
// bench's own small node:http servers.

const PORT_RANGE = [3300, 3399] as const;

/** A free loopback port in 3300-3399 (the bench's range), not one of `exclude`. */
export const benchPort = (exclude: number[] = []): Promise<number> => freePort({ range: PORT_RANGE, exclude });

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** The process that serves requests, when it is not `pid` itself. */
  servingPid?: () => number | undefined;
  /** Stops it; what happened, for the report. */
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
  /** Node flags for server.ts, e.g. --cpu-prof, which NODE_OPTIONS refuses. */
  nodeArgs?: string[];
}

export async function startGatepost(opts: GatepostOptions): Promise<RunningServer> {
  rmSync(opts.logFile, { force: true });
  const server = await startServer({
    dataDir: opts.dataDir,
    distDir: DIST_DIR,
    port: opts.port,
    logFile: opts.logFile,
    logLevel: "info",
    nodeArgs: opts.nodeArgs,
    timeoutMs: 90_000,
    env: { EMBEDDED_PG_PORT: String(opts.pgPort), ADMIN_EMAIL: opts.adminEmail, ADMIN_PASSWORD: opts.adminPassword, ...opts.env },
  });
  return { baseUrl: server.url, pid: server.pid, servingPid: server.servingPid, stop: async () => (await server.stop(20_000)).message };
}

/**
 * A small node:http server of the bench (`script` under bench/, port in argv[2] and `args` after it,
 * prints a line when listening): the bare baseline, the always-200 auth server of the nginx cases,
 * or the replay of a recorded answer.
 */
export async function startBaseline(port: number, script = "baseline-server.mjs", args: string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, [path.join("bench", script), String(port), ...args], { stdio: ["ignore", "pipe", "inherit"] });
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
