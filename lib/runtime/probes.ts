import { getPool } from "../db/client";
import { listMigrations } from "../db/migrate";

// GET /healthz and GET /readyz, answered by the server entry itself: no authentication, no Next,
// no request log line (a probe every few seconds would drown the log). /healthz: the process
// answers. /readyz: the database answers within CHECK_MS, every migration of this release is
// applied, and the signing keys load (their private halves decrypt with this AUTH_SECRET).

const CHECK_MS = 2_000;

export interface ProbeAnswer {
  status: 200 | 503;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = { "content-type": "application/json" };

export type CheckResult = "ok" | string;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_MS} ms`)), CHECK_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n", 1)[0].slice(0, 200);

export interface Readiness {
  answer(): Promise<ProbeAnswer>;
}

/** `signingKeys` resolves when the keys are loaded (and says how many accounts can sign). */
export async function createReadiness(signingKeys: () => Promise<number>): Promise<Readiness> {
  const expected = (await listMigrations()).map((m) => m.name);
  const database = async (): Promise<{ database: CheckResult; migrations: CheckResult }> => {
    let applied: Set<string>;
    try {
      const rows = await withTimeout(
        getPool()
          .query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .then((r) => r.rows),
        "the database",
      );
      applied = new Set(rows.map((r) => r.migration_name));
    } catch (e) {
      return { database: `unreachable: ${message(e)}`, migrations: "unknown" };
    }
    const missing = expected.filter((m) => !applied.has(m));
    return { database: "ok", migrations: missing.length === 0 ? "ok" : `not applied: ${missing.join(", ")}` };
  };
  const keys = async (): Promise<CheckResult> => {
    try {
      const accounts = await withTimeout(signingKeys(), "loading the signing keys");
      return accounts > 0 ? "ok" : "no signing key";
    } catch (e) {
      return `not loaded: ${message(e)}`;
    }
  };
  return {
    async answer() {
      const [db, signing_keys] = await Promise.all([database(), keys()]);
      const checks = { ...db, signing_keys };
      const ready = Object.values(checks).every((c) => c === "ok");
      return { status: ready ? 200 : 503, headers: JSON_TYPE, body: `${JSON.stringify({ status: ready ? "ready" : "not_ready", checks })}\n` };
    },
  };
}

export const HEALTHY: ProbeAnswer = { status: 200, headers: JSON_TYPE, body: '{"status":"ok"}\n' };
