import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { startTestServer, type TestServer } from "../harness/gatepost";
import { withPg } from "../harness/pg";
import { cli, ROOT } from "../harness/processes";
import { ALL_PERMISSIONS, type ValidationFixture } from "./global-setup";

// Helpers of the files that run servers of their own (multi-instance, outage, shutdown): servers
// on a database the test controls, an API token for them, and a small distribution summary.

export { sleep } from "../harness/processes";

/** A PostgreSQL of the test's own (embedded, in a temporary folder) that it may stop and start. */
export interface OwnPostgres {
  dir: string;
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  /** Stops it (if running) and removes its folder. */
  destroy(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gp-validation-pg-"));
  // mkdtemp makes it 0700; as root, PostgreSQL runs as the "postgres" user and must enter it.
  await chmod(dir, 0o755);
  let db: EmbeddedDatabase | null = await startEmbeddedPostgres(dir);
  const port = Number(new URL(db.url).port);
  const own: OwnPostgres = {
    dir,
    port,
    url: db.url,
    async stop() {
      const d = db;
      db = null;
      await d?.stop();
    },
    async start() {
      if (db) return;
      db = await startEmbeddedPostgres(dir, { port });
    },
    async destroy() {
      await own.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return own;
}

/** A fresh, empty database on the PostgreSQL of `url` (e.g. the shared fixture's); its URL. */
export async function createDatabase(url: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gp_${label}_${randomBytes(4).toString("hex")}`;
  const admin = url.replace(/\/[^/]*$/, "/postgres");
  await withPg(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: url.replace(/\/[^/]*$/, `/${name}`),
    drop: () => withPg(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** `npm run -s cli -- <args>` against DATABASE_URL; resolves to its stdout (trimmed). */
export function cliOnDatabase(databaseUrl: string, dataDir: string, args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<string> {
  return cli(dataDir, args, { ...extraEnv, DATABASE_URL: databaseUrl });
}

/**
 * An API token (made with the CLI against `databaseUrl`) and the account it belongs to, as the
 * base the fixtures' api() takes, addressed to `server`.
 */
export async function apiBaseFor(server: TestServer, databaseUrl: string, extraEnv: Record<string, string | undefined> = {}): Promise<ValidationFixture> {
  const token = await cliOnDatabase(databaseUrl, server.dataDir, ["api-token", "create", "--name", `validation ${randomBytes(3).toString("hex")}`, ...ALL_PERMISSIONS.flatMap((p) => ["--permission", p])], extraEnv);
  const res = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${token}` } });
  const accountId = ((await res.json()) as { result: { id: string }[] }).result[0].id;
  return { url: server.url, apiBase: `${server.url}/client/v4`, dataDir: server.dataDir, logFile: server.logFile, databaseUrl, accountId, token };
}

/** The same base addressed to another instance (same database, same API token). */
export function sameBaseOn(base: ValidationFixture, server: TestServer): ValidationFixture {
  return { ...base, url: server.url, apiBase: `${server.url}/client/v4`, dataDir: server.dataDir, logFile: server.logFile };
}

/** Environment shared by instances of one deployment: same AUTH_SECRET (signing keys), same issuer. */
export function deploymentEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    PUBLIC_URL: `https://gatepost-${randomBytes(3).toString("hex")}.example.test`,
  };
}

export const startServer = startTestServer;

export interface Distribution {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  samples: number[];
}

/** Nearest-rank percentiles of `values` (ms, rounded to 0.1). */
export function distribution(values: number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: s.length, min: r(s[0]), median: r(rank(50)), p95: r(rank(95)), max: r(s[s.length - 1]), samples: values.map(r) };
}

export async function writeBenchResult(file: string, data: unknown): Promise<string> {
  const dir = path.join(ROOT, "bench", "results");
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
  return target;
}
