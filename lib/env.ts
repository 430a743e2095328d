import path from "node:path";
import { z } from "zod";

// The application's only reader and writer of process.env. Parsed lazily so that the launcher can
// settle DATABASE_URL and AUTH_SECRET (setEnv) before the application first asks; the processes it
// starts (the Next.js worker, next build) get their environment from childProcessEnv.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  ALERT_SCAN_INTERVAL: z.string().default("1m"),
  TRUSTED_PROXIES: z.string().default("127.0.0.0/8,::1/128"),
  // Failed validations allowed per minute, per client IP and per client id, on each instance.
  VALIDATE_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  VALIDATE_MAX_FAILURES_PER_CLIENT_ID: z.coerce.number().int().min(1).default(20),
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  // "1": serve the build in NEXT_DIST_DIR even when a source looks newer.
  SKIP_BUILD: z.string().optional(),
  // The Unix socket the Next.js worker listens on, chosen by server.ts (lib/runtime/worker-proxy.ts).
  GATEPOST_WORKER_SOCKET: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & { publicUrl: string; dataDir: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const raw = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, process.env[k] === "" ? undefined : process.env[k]]),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    dataDir: path.resolve(env.DATA_DIR),
  };
  return cached;
}

/** Read before the full parse, so that the logger exists even when the environment is invalid. */
export function logSettings(): { level: string; toStderr: boolean } {
  return { level: process.env.LOG_LEVEL || "info", toStderr: process.env.LOG_DESTINATION === "stderr" };
}

/**
 * Sets (or, with undefined, removes) variables for this process and the ones it starts, and
 * forgets the parsed environment: the launcher's DATABASE_URL and AUTH_SECRET, a test's database.
 */
export function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  cached = undefined;
}

/**
 * The environment of a process the application starts: `defaults` for what this process does not
 * set, this process's own, then `extra` over it (undefined removes).
 */
export function childProcessEnv(extra: Record<string, string | undefined> = {}, defaults: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...defaults, ...process.env };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
