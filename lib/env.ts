import path from "node:path";
import { z } from "zod";
import { DurationError, parseGoDurationNs } from "./service-tokens/duration";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The settings that are Go durations: their default and bounds (milliseconds), and an example. */
const DURATIONS = {
  ALERT_SCAN_INTERVAL: { fallback: "1m", min: 1000, max: DAY_MS, example: '"1m" or "30s"' },
  API_RATE_LIMIT_WINDOW: { fallback: "5m", min: 1000, max: DAY_MS, example: '"5m"' },
  SESSION_IDLE_TIMEOUT: { fallback: "1h", min: 60_000, max: 30 * DAY_MS, example: '"1h" or "30m"' },
  SESSION_MAX_AGE: { fallback: "12h", min: 5 * 60_000, max: 30 * DAY_MS, example: '"12h" or "168h"' },
} as const;
type DurationName = keyof typeof DURATIONS;

const HUMAN_BOUND: Record<number, string> = { 1000: "1s", 60_000: "1m", [5 * 60_000]: "5m", [DAY_MS]: "24h", [30 * DAY_MS]: "720h" };

/** A Go duration setting's value in milliseconds within its bounds, or why it is not one. */
function durationMs(name: DurationName, value: string): number | string {
  const { min, max, example } = DURATIONS[name];
  const hint = `a Go duration between ${HUMAN_BOUND[min]} and ${HUMAN_BOUND[max]} such as ${example}`;
  try {
    const ms = Number(parseGoDurationNs(value) / 1_000_000n);
    return ms >= min && ms <= max ? ms : `must be ${hint}`;
  } catch (e) {
    if (e instanceof DurationError) return `${e.message}; expected ${hint}`;
    throw e;
  }
}

function durationSetting(name: DurationName) {
  return z
    .string()
    .default(DURATIONS[name].fallback)
    .superRefine((value, ctx) => {
      const ms = durationMs(name, value);
      if (typeof ms === "string") ctx.addIssue({ code: "custom", message: ms });
    });
}

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
  // Alert emails; unset: alerts are recorded as not sent (lib/alerts/deliver-email.ts).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587")
    .optional(),
  SMTP_FROM: z.string().max(320).regex(/@/, 'must be an address such as alerts@example.com or "Gatepost <alerts@example.com>"').optional(),
  ALERT_SCAN_INTERVAL: durationSetting("ALERT_SCAN_INTERVAL"),
  TRUSTED_PROXIES: z.string().default("127.0.0.0/8,::1/128"),
  // The REST API's rate limit per API token: requests per window (lib/api-tokens/rate-limit.ts).
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000_000).default(1200),
  API_RATE_LIMIT_WINDOW: durationSetting("API_RATE_LIMIT_WINDOW"),
  // Dashboard sessions: signed out after this long without a request, and this long after signing in.
  SESSION_IDLE_TIMEOUT: durationSetting("SESSION_IDLE_TIMEOUT"),
  SESSION_MAX_AGE: durationSetting("SESSION_MAX_AGE"),
  // Unset: GET /metrics answers loopback clients only; set: any client that sends it as a bearer token.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
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

export type Env = z.infer<typeof envSchema> & {
  publicUrl: string;
  dataDir: string;
  alertScanIntervalMs: number;
  apiRateLimitWindowMs: number;
  sessionIdleTimeoutMs: number;
  sessionMaxAgeMs: number;
};

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
    // Numbers: the schema refused every value for which they would be a reason.
    alertScanIntervalMs: durationMs("ALERT_SCAN_INTERVAL", env.ALERT_SCAN_INTERVAL) as number,
    apiRateLimitWindowMs: durationMs("API_RATE_LIMIT_WINDOW", env.API_RATE_LIMIT_WINDOW) as number,
    sessionIdleTimeoutMs: durationMs("SESSION_IDLE_TIMEOUT", env.SESSION_IDLE_TIMEOUT) as number,
    sessionMaxAgeMs: durationMs("SESSION_MAX_AGE", env.SESSION_MAX_AGE) as number,
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

/**
 * The environment of a Next.js process (next build, the worker): childProcessEnv with Next's
 * telemetry off, whatever this process says. A self-hosted security product does not phone home.
 */
export function nextProcessEnv(extra: Record<string, string | undefined> = {}, defaults: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childProcessEnv({ ...extra, NEXT_TELEMETRY_DISABLED: "1" }, defaults);
}
