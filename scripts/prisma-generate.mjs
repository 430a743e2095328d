// Generates the Prisma client (lib/generated/prisma) at install time. The Prisma 7 CLI insists on
// a schema engine binary even for `generate`, which never uses it and which cannot be downloaded
// here: point it at a stand-in that only has to exist.
import { spawnSync } from "node:child_process";
import path from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/no-engine.sh");
const r = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
