import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's own schema engine (the wasm build, of the same release as the prisma CLI), run offline
// in this process: `npm run db:diff` and the drift test compare the migrated database and
// schema.prisma exactly as `prisma migrate diff` would, without the CLI's native engine.
// The package is wasm-bindgen "bundler" output (`import * as wasm from "./x.wasm"`), which Node 20
// cannot import: the glue module is loaded on its own and the wasm instantiated by hand.

const requireFromHere = createRequire(import.meta.url);
type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & { __wbg_set_wasm(w: unknown): void };

let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = requireFromHere.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(pathToFileURL(gluePath).href)) as Glue;
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return gluePromise;
}

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype, pg_class.relkind, ...)
const PG_TEXT_OID = 25;

type PgResult = { fields?: { dataTypeID: number }[]; rows?: unknown[] };
type RawResult = { columnTypes: number[]; rows: unknown[] };
type Queryable = {
  performIO(query: unknown): Promise<PgResult | undefined>;
  queryRaw(query: unknown): Promise<RawResult>;
  startTransaction?: (...args: unknown[]) => Promise<object>;
};

/**
 * adapter-pg 7.10 has no mapping for the "char" type and introspection fails with "Column type
 * 'char' could not be deserialized". The engine wants those columns as characters (PostgreSQL 18
 * lists NOT NULL constraints in pg_constraint, contype 'n', so plain text no longer does): let the
 * adapter see text, then report the column as Character. Patched per instance, so the app's own
 * Prisma client in this process is untouched.
 */
function withCharColumns<T extends object>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const charColumns = new WeakMap<unknown[], number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const indices: number[] = [];
    result?.fields?.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        indices.push(i);
      }
    });
    // queryRaw hands the same rows array back: it keys which columns were "char".
    if (indices.length > 0 && result?.rows) charColumns.set(result.rows, indices);
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (typeof q.startTransaction === "function") {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...args) => withCharColumns(await start(...args));
  }
  return queryable;
}

function adapterFactoryFor(url: string, opened: { dispose(): Promise<void> }[]) {
  const factory = new PrismaPg({ connectionString: url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = withCharColumns(await connect());
    opened.push(adapter);
    return adapter;
  };
  // The engine's diff never needs a shadow database here; refuse rather than let adapter-pg 7.10
  // drop one while its own pool is still connected to it.
  factory.connectToShadowDb = async () => {
    throw new Error("schema-engine helper: no shadow database");
  };
  return factory;
}

export interface SchemaEngineHandle {
  /** The SQL script that would take `from` to `to` (empty when they match). */
  diffScript(from: DiffTarget, to: DiffTarget): Promise<string>;
  /** Frees the engine and closes its connections. */
  close(): Promise<void>;
}

export async function openSchemaEngine(databaseUrl: string): Promise<SchemaEngineHandle> {
  const glue = await loadGlue();
  const opened: { dispose(): Promise<void> }[] = [];
  const engine: SchemaEngine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapterFactoryFor(databaseUrl, opened)),
  );
  return {
    async diffScript(from, to) {
      const diff = engine.diff({ from, to, script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] } });
      // An engine panic surfaces as an uncaught exception and leaves this promise pending forever.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("schema engine diff did not answer (see the uncaught error above)")), 15_000);
      });
      try {
        return (await Promise.race([diff, timeout])).stdout ?? "";
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}

export const datamodelTarget = (content: string, file = "schema.prisma"): DiffTarget => ({
  tag: "schemaDatamodel",
  files: [{ path: file, content }],
});

/**
 * The live database behind the engine's adapter (what `--from-config-datasource` means). The wasm
 * engine refuses `{ tag: "url" }`; the schema files only supply the provider.
 */
export const databaseTarget = (schema: string, file = "schema.prisma"): DiffTarget => ({
  tag: "schemaDatasource",
  files: [{ path: file, content: schema }],
  configDir: process.cwd(),
});
