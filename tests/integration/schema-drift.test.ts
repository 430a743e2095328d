import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, withPg } from "../helpers/db";
import { databaseTarget, datamodelTarget, openSchemaEngine, type SchemaEngineHandle } from "../../scripts/schema-engine";

// The SQL migrations are written with `npm run db:diff` and applied by the app itself, so nothing
// else proves they build what prisma/schema.prisma (and so the generated client) expects. Prisma's
// own schema engine does: the diff from the migrated database to the schema must be empty.

const SCHEMA = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");

/** The engine prints "-- This is an empty migration." for no difference: keep only real statements. */
const statements = (script: string): string =>
  script
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("--"))
    .join("\n");

let url: string;
let engine: SchemaEngineHandle;

beforeAll(async () => {
  url = await createScratchDatabase("schema_drift", { migrate: true });
  engine = await openSchemaEngine(url);
});

afterAll(async () => {
  await engine?.close();
});

describe("prisma/migrations against prisma/schema.prisma", () => {
  it("the migrated database is exactly what the schema describes", async () => {
    const script = await engine.diffScript(databaseTarget(SCHEMA), datamodelTarget(SCHEMA));
    expect(statements(script), script).toBe("");
  });

  it("a schema with one more column is not empty (the comparison can fail)", async () => {
    const anchor = "  enabled                 Boolean   @default(true)\n";
    expect(SCHEMA).toContain(anchor);
    const extra = SCHEMA.replace(anchor, `${anchor}  driftCanary             String?   @map("drift_canary")\n`);
    const script = await engine.diffScript(databaseTarget(SCHEMA), datamodelTarget(extra));
    expect(statements(script)).toMatch(/ALTER TABLE "service_tokens" ADD COLUMN\s+"drift_canary" TEXT/);
  });

  it("a database missing an index is not empty (the database side is really read)", async () => {
    await withPg(url, (c) => c.query(`DROP INDEX "service_tokens_name_trgm_idx"`));
    const script = await engine.diffScript(databaseTarget(SCHEMA), datamodelTarget(SCHEMA));
    expect(statements(script)).toContain(`CREATE INDEX "service_tokens_name_trgm_idx"`);
  });
});
