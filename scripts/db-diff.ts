// `npm run db:diff [-- --name <name>]`: the SQL that takes a database migrated by prisma/migrations
// to what prisma/schema.prisma describes, as `prisma migrate diff --from-migrations ... --to-schema
// ... --script` would print it, without the Prisma CLI's native schema engine (which it would have
// to download): the migrations are applied by the app's own migrator to a throw-away embedded
// PostgreSQL, and Prisma's wasm schema engine compares. Prints the SQL on stdout; with --name, also
// saves it as prisma/migrations/<UTC timestamp>_<name>/migration.sql.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations, MIGRATIONS_DIR } from "../lib/db/migrate";
import { databaseTarget, datamodelTarget, openSchemaEngine } from "./schema-engine";

const SCHEMA_FILE = path.join(process.cwd(), "prisma", "schema.prisma");

/** What the engine answers for no difference, besides comments. */
const isEmpty = (script: string) => script.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));

/** 20261128000000: the timestamp prefix of the migrations already there. */
const timestamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" } } });
  const name = values.name;
  if (name !== undefined && !/^[a-z0-9_]+$/.test(name)) throw new Error("--name: lower-case letters, digits and underscores only");

  const dir = mkdtempSync(path.join(os.tmpdir(), "gatepost-db-diff-"));
  // As root, PostgreSQL runs as the "postgres" user, which must enter the folder.
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  try {
    await applyMigrations(db.url);
    const schema = readFileSync(SCHEMA_FILE, "utf8");
    const engine = await openSchemaEngine(db.url);
    let script: string;
    try {
      script = await engine.diffScript(databaseTarget(schema), datamodelTarget(schema));
    } finally {
      await engine.close();
    }
    process.stdout.write(script.endsWith("\n") ? script : `${script}\n`);
    if (name === undefined) return;
    if (isEmpty(script)) {
      process.stderr.write("prisma/schema.prisma and prisma/migrations agree: no migration written\n");
      return;
    }
    const folder = path.join(MIGRATIONS_DIR, `${timestamp(new Date())}_${name}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, "migration.sql"), script.endsWith("\n") ? script : `${script}\n`);
    process.stderr.write(`wrote ${path.relative(process.cwd(), folder)}/migration.sql\n`);
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`db:diff failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
