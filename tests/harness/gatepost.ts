import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { TEST_DIST_DIR } from "./build";
import { SERVER_ENV, SERVER_NODE_ARGS } from "../../lib/runtime/processes";
import { appEnv, childPids, commandLine, freePort, makeDataDir, postmasterPid, ROOT, sleep, waitForExit } from "./processes";

// A Gatepost server as users start it (`npm start`, or the node command it runs), from an
// existing production build, with its own embedded PostgreSQL in DATA_DIR unless the caller names
// a DATABASE_URL: for the API, validation and end-to-end tests and the benchmarks.

export interface GatepostOptions {
  dataDir: string;
  /** The production build to serve (NEXT_DIST_DIR); never rebuilt here. */
  distDir: string;
  /** Default: a free port. */
  port?: number;
  /** Default: DATA_DIR/server.log. Both stdout and stderr go straight to it, not through this process. */
  logFile?: string;
  /** Default "warn". */
  logLevel?: string;
  /** Applied last: DATABASE_URL, AUTH_SECRET, PUBLIC_URL, ADMIN_EMAIL ... (undefined removes). */
  env?: Record<string, string | undefined>;
  /** Node flags for server.ts, e.g. --cpu-prof, which NODE_OPTIONS refuses. */
  nodeArgs?: string[];
  /**
   * "node" (default): the server process itself, as `npm start` ends up running it. "npm": `npm
   * start`, the process a supervisor signals (npm hands the signal on to the server).
   */
  launcher?: "node" | "npm";
  /** Default 120 s. */
  timeoutMs?: number;
}

export interface GatepostProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** The process started: the server itself, or npm. The one a user's signal reaches. */
  pid: number;
  /** The process that serves requests (npm's child under the "npm" launcher), when it can be found. */
  servingPid(): number | undefined;
  /** Settles when the launcher exits, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * SIGTERM, SIGKILL after `graceMs` (default 30 s); then waits for its PostgreSQL, stopping it if
   * it was orphaned. `clean` is false when either had to be forced.
   */
  stop(graceMs?: number): Promise<{ clean: boolean; message: string }>;
}

/** Signals `pid`, which may have exited meanwhile. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Gone already.
  }
}

/** The end of a log file, for an error message. */
function logTail(file: string, chars = 4000): string {
  return existsSync(file) ? readFileSync(file, "utf8").slice(-chars) : "(no log)";
}

/**
 * What a server's log says about why it failed: the server logs JSON lines, so the first lines that
 * are not JSON (a crash's stack, a dumped object) with the few JSON lines before them; without
 * any, its last lines. Each line is cut to 300 characters.
 */
export function logDigest(file: string): string {
  if (!existsSync(file)) return "(no log)";
  const lines = readFileSync(file, "utf8").split("\n").filter((line) => line.trim());
  const cut = (some: string[]) => some.map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line)).join("\n");
  const first = lines.findIndex((line) => !line.startsWith("{"));
  if (first === -1) return cut(lines.slice(-20));
  return cut([...lines.slice(Math.max(0, first - 5), first), ...lines.slice(first, first + 40)]);
}

export async function startGatepost(opts: GatepostOptions): Promise<GatepostProcess> {
  const port = opts.port ?? (await freePort());
  const logFile = opts.logFile ?? path.join(opts.dataDir, "server.log");
  const out = openSync(logFile, "a");
  const [command, args] = opts.launcher === "npm" ? ["npm", ["start", "--silent"]] : [process.execPath, [...(opts.nodeArgs ?? []), ...SERVER_NODE_ARGS]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: appEnv({
      DATA_DIR: opts.dataDir,
      NEXT_DIST_DIR: opts.distDir,
      SKIP_BUILD: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: opts.logLevel ?? "warn",
      NODE_ENV: "production",
      ...SERVER_ENV,
      // The suites share a few API tokens across thousands of requests: far above the default
      // 1,200 per 5 minutes. The rate-limit test starts its server with the default.
      API_RATE_LIMIT: "1000000000",
      ...opts.env,
    }),
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  let stopCalled = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      // A server that dies under a test fails it with "fetch failed": say here what killed it.
      if (!stopCalled && code !== 0) console.error(`the server (pid ${child.pid}, port ${port}) exited with ${code ?? signal}; its log:\n${logDigest(logFile)}`);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const servingPid = () => (opts.launcher === "npm" ? childPids(child.pid!).find((pid) => commandLine(pid).includes("server.ts")) : child.pid);

  const stop = async (graceMs = 30_000): Promise<{ clean: boolean; message: string }> => {
    stopCalled = true;
    const pg = postmasterPid(opts.dataDir);
    const problems: string[] = [];
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, graceMs))) {
        const serving = servingPid();
        child.kill("SIGKILL");
        if (serving) signal(serving, "SIGKILL");
        problems.push(`the server (pid ${child.pid}) ignored SIGTERM for ${graceMs / 1000} s and was killed`);
      }
    }
    // server.ts stops its PostgreSQL before it exits; stop it here if it was orphaned.
    if (pg !== null && !(await waitForExit(pg, 15_000))) {
      signal(pg, "SIGINT");
      if (!(await waitForExit(pg, 10_000))) signal(pg, "SIGKILL");
      problems.push(`PostgreSQL (pid ${pg}) outlived the server and was stopped`);
    }
    return problems.length ? { clean: false, message: `${problems.join("; ")}; log: ${logFile}` } : { clean: true, message: `server ${child.pid} and PostgreSQL ${pg ?? "-"} stopped` };
  };

  const timeoutMs = opts.timeoutMs ?? 120_000;
  const until = Date.now() + timeoutMs;
  let last = "not listening";
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up (${child.exitCode ?? child.signalCode})\n--- ${logFile} (end) ---\n${logTail(logFile)}`);
    }
    try {
      // Next (the worker) and next-auth answer: the whole server is up.
      const res = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok) return { url, port, dataDir: opts.dataDir, logFile, pid: child.pid!, servingPid, exited, stop };
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`the server did not start within ${timeoutMs / 1000} s (last: ${last})\n--- ${logFile} (end) ---\n${logTail(logFile)}`);
}

export interface TestServer extends Omit<GatepostProcess, "stop"> {
  /** Stops the server (forcing it if need be) and removes its DATA_DIR. */
  stop(): Promise<void>;
}

/**
 * A server of the run's build (tests/harness/build.ts) on a fresh temporary DATA_DIR. `env` is
 * applied last: a DATABASE_URL the caller controls, or the AUTH_SECRET and PUBLIC_URL several
 * instances of one deployment share.
 */
export async function startTestServer(opts: { logLevel?: string; timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<TestServer> {
  const dataDir = makeDataDir("gatepost-test-");
  try {
    const server = await startGatepost({ dataDir, distDir: TEST_DIST_DIR, ...opts });
    return {
      ...server,
      async stop() {
        await server.stop(20_000);
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
