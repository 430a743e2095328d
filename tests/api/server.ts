import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { chmod, mkdtemp, open, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// The API tests run against the production build, started the way users start it (server.ts), with
// its own embedded PostgreSQL in a temporary DATA_DIR. API tokens are made with the real CLI, which
// reuses the running PostgreSQL of that DATA_DIR.

export const ROOT = path.resolve(__dirname, "../..");
// TEST_DIST_DIR: a build folder of its own, for a run beside another one in the same checkout.
export const DIST_DIR = process.env.TEST_DIST_DIR ?? ".next-api";
const NODE = process.execPath;
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

/**
 * `next build` into DIST_DIR. Next "helpfully" adds DIST_DIR/types to tsconfig.json's include on
 * every build into a folder other than .next; the file is put back as it was (content and mtime).
 */
export function buildApp(): void {
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const { atime, mtime } = statSync(tsconfig);
  try {
    const r = spawnSync(NODE, ["node_modules/next/dist/bin/next", "build"], {
      cwd: ROOT,
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    if (readFileSync(tsconfig, "utf8") !== before) {
      writeFileSync(tsconfig, before);
      utimesSync(tsconfig, atime, mtime);
    }
  }
}

// What the build is made of: the same list server.ts uses to decide whether `npm start` rebuilds.
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p) || p.endsWith(path.join("lib", "generated"))) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** A build in DIST_DIR newer than every source file. */
export function buildIsCurrent(): boolean {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
}

/**
 * Builds DIST_DIR unless it is current. The "api" and "validation" projects share the build and
 * may set up side by side: a lock folder makes the second wait for the first's build.
 */
export async function ensureBuilt(): Promise<void> {
  if (process.env.API_TEST_SKIP_BUILD === "1") return;
  const lock = path.join(ROOT, `${DIST_DIR}.lock`);
  const until = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a build can take is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`waited too long for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!buildIsCurrent()) buildApp();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr (JSON log lines and Next's messages). */
  logFile: string;
  pid: number;
  /** Settles when the process exits, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up:\n${await readFile(logFile, "utf8")}`);
    }
    try {
      const res = await fetch(`${url}/client/v4/user/tokens/verify`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not start within ${timeoutMs} ms:\n${await readFile(logFile, "utf8")}`);
}

/**
 * Starts `server.ts` on a free port with a fresh DATA_DIR (embedded PostgreSQL). `env` is applied
 * last: e.g. DATABASE_URL for a database the caller controls, or a shared AUTH_SECRET/PUBLIC_URL
 * for several instances (a value of undefined removes the variable).
 */
export async function startServer(opts: { logLevel?: string; timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gatepost-api-"));
  // PostgreSQL runs as the "postgres" user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const logFile = path.join(dataDir, "server.log");
  const log = await open(logFile, "a");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NEXT_DIST_DIR: DIST_DIR,
    SKIP_BUILD: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: opts.logLevel ?? "warn",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.LOG_DESTINATION;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(NODE, [TSX, "--tsconfig", "tsconfig.node.json", "server.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log.fd, log.fd],
  });
  await log.close();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child, logFile, opts.timeoutMs ?? 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, dataDir, logFile, pid: child.pid!, exited, stop };
}

/** `npm run -s cli -- <args>` against the server's DATA_DIR; resolves to its stdout (trimmed). */
export function cli(dataDir: string, args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // The server's own PostgreSQL of dataDir, unless extraEnv names a DATABASE_URL.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, ...extraEnv, DATA_DIR: dataDir, LOG_LEVEL: "warn" };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn("npm", ["run", "-s", "cli", "--", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(out.trim());
      else reject(new Error(`cli ${args.slice(0, 2).join(" ")} exited with ${code}: ${err}`));
    });
  });
}

export async function createApiTokenWithCli(
  dataDir: string,
  opts: { name: string; permissions: string[]; account?: string; expiresIn?: string },
): Promise<string> {
  const args = ["api-token", "create", "--name", opts.name];
  for (const p of opts.permissions) args.push("--permission", p);
  if (opts.account) args.push("--account", opts.account);
  if (opts.expiresIn) args.push("--expires-in", opts.expiresIn);
  return cli(dataDir, args);
}

export function createAccountWithCli(dataDir: string, name: string): Promise<string> {
  return cli(dataDir, ["account", "create", "--name", name]);
}

/** The URL of the embedded PostgreSQL the server of `dataDir` runs (password file + postmaster.pid). */
export async function databaseUrlOf(dataDir: string): Promise<string> {
  const password = (await readFile(path.join(dataDir, "pg-password"), "utf8")).trim();
  const port = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[3]);
  return `postgresql://postgres:${password}@127.0.0.1:${port}/gatepost`;
}

export async function withPg<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * An API token written straight into the database, as createApiToken would write it (same value
 * format, SHA-256 digest), for the fixture variants the CLI cannot make: already expired, revoked.
 * One CLI process costs seconds of CPU; these cost a query.
 */
export async function insertApiToken(
  databaseUrl: string,
  opts: { accountId: string; name: string; permissions: string[]; expiresAt?: Date | null; revoked?: boolean },
): Promise<string> {
  const value = randomBytes(30).toString("base64url");
  await withPg(databaseUrl, (c) =>
    c.query(
      `INSERT INTO api_tokens (id, account_id, name, token_hash, permissions, expires_at, created_by, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'tests/api', CASE WHEN $7 THEN now() END)`,
      [randomUUID(), opts.accountId, opts.name, createHash("sha256").update(value).digest("hex"), opts.permissions, opts.expiresAt ?? null, opts.revoked ?? false],
    ),
  );
  return value;
}
