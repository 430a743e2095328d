import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/migrate";
import { createScratchDatabase, withPg } from "../helpers/db";

// The application applies prisma/migrations itself (the Prisma CLI cannot fetch its engine here),
// and must record them exactly as `prisma migrate deploy` would, so that the two agree.

/** What Prisma computes: the SHA-256 (hex) of each migration.sql, read here independently. */
function migrationsOnDisk(): { name: string; checksum: string }[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256").update(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"))).digest("hex"),
    }));
}

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number; id: string };

async function migrationRows(url: string): Promise<MigrationRow[]> {
  return withPg(url, async (c) => (await c.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows);
}

describe("applyMigrations", () => {
  it("applies every migration once, and a second run is a no-op", async () => {
    const url = await createScratchDatabase("migrate_twice");
    const onDisk = migrationsOnDisk();
    expect(onDisk.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual(onDisk.map((m) => m.name));
    const first = await migrationRows(url);
    expect(await applyMigrations(url)).toEqual([]);
    expect(await migrationRows(url)).toEqual(first);

    const tables = await withPg(url, async (c) =>
      (await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename),
    );
    expect(tables).toEqual(
      expect.arrayContaining(["_prisma_migrations", "accounts", "admins", "api_tokens", "audit_logs", "service_tokens", "sign_in_attempts"]),
    );
  });

  it("records each migration in _prisma_migrations with Prisma's checksum", async () => {
    const url = await createScratchDatabase("migrate_checksum", { migrate: true });
    const rows = await migrationRows(url);
    expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(migrationsOnDisk());
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("lets several instances start at once on a fresh database", async () => {
    const url = await createScratchDatabase("migrate_concurrent");
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(url)));
    // Exactly one of them applied each migration; the others found it done.
    expect(results.flat().sort()).toEqual(migrationsOnDisk().map((m) => m.name));
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(migrationsOnDisk().map((m) => m.name));
  });

  it("rolls back a failing migration and leaves no record of it", async () => {
    const url = await createScratchDatabase("migrate_fail");
    const dir = await mkdtemp(path.join(os.tmpdir(), "gp-mig-"));
    await mkdir(path.join(dir, "001_ok"));
    await writeFile(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE "ok_table" ("id" INT);`);
    await mkdir(path.join(dir, "002_broken"));
    await writeFile(path.join(dir, "002_broken", "migration.sql"), `CREATE TABLE "half_done" ("id" INT);\nSELECT no_such_function();`);
    try {
      await expect(applyMigrations(url, dir)).rejects.toThrow(/002_broken/);
      const rows = await migrationRows(url);
      expect(rows.map((r) => r.migration_name)).toEqual(["001_ok"]);
      const halfDone = await withPg(url, async (c) => (await c.query(`SELECT to_regclass('public.half_done') AS t`)).rows[0].t);
      expect(halfDone).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
