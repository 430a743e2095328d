import { afterEach, describe, expect, it } from "vitest";
import { getEnv, nextProcessEnv, setEnv } from "./env";

// The notification settings are checked when the environment is first read, so a typo stops
// `npm start` with the variable's name instead of surfacing at the first scan.

const KEYS = ["ALERT_SCAN_INTERVAL", "SMTP_URL", "SMTP_FROM", "SESSION_IDLE_TIMEOUT", "SESSION_MAX_AGE"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

function withEnv(values: Partial<Record<(typeof KEYS)[number], string>>) {
  setEnv({ ...Object.fromEntries(KEYS.map((k) => [k, undefined])), ...values });
  return () => getEnv();
}

afterEach(() => {
  setEnv(saved);
});

describe("alert settings", () => {
  it("scan every minute by default, or at ALERT_SCAN_INTERVAL (a Go duration)", () => {
    expect(withEnv({})().alertScanIntervalMs).toBe(60_000);
    expect(withEnv({ ALERT_SCAN_INTERVAL: "30s" })().alertScanIntervalMs).toBe(30_000);
    expect(withEnv({ ALERT_SCAN_INTERVAL: "1h30m" })().alertScanIntervalMs).toBe(5_400_000);
  });

  it.each(["1y", "0s", "500ms", "25h", "soon"])("refuses ALERT_SCAN_INTERVAL=%s", (value) => {
    expect(withEnv({ ALERT_SCAN_INTERVAL: value })).toThrow(/^invalid environment: ALERT_SCAN_INTERVAL: /);
  });

  it("takes smtp:// and smtps:// URLs only, and an SMTP_FROM that is an address", () => {
    expect(withEnv({ SMTP_URL: "smtp://user:pass@mail.example.com:587", SMTP_FROM: "Gatepost <alerts@example.com>" })()).toMatchObject({ SMTP_URL: "smtp://user:pass@mail.example.com:587" });
    expect(withEnv({ SMTP_URL: "smtps://mail.example.com" })().SMTP_URL).toBe("smtps://mail.example.com");
    expect(withEnv({ SMTP_URL: "http://mail.example.com" })).toThrow(/^invalid environment: SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(withEnv({ SMTP_FROM: "alerts" })).toThrow(/^invalid environment: SMTP_FROM: /);
  });

  it("dashboard sessions: idle 1 h and at most 12 h by default, each a Go duration within its bounds", () => {
    expect(withEnv({})()).toMatchObject({ sessionIdleTimeoutMs: 3_600_000, sessionMaxAgeMs: 43_200_000 });
    expect(withEnv({ SESSION_IDLE_TIMEOUT: "15m", SESSION_MAX_AGE: "168h" })()).toMatchObject({ sessionIdleTimeoutMs: 900_000, sessionMaxAgeMs: 604_800_000 });
    expect(withEnv({ SESSION_IDLE_TIMEOUT: "30s" })).toThrow(/^invalid environment: SESSION_IDLE_TIMEOUT: must be a Go duration between 1m and 720h/);
    expect(withEnv({ SESSION_MAX_AGE: "721h" })).toThrow(/^invalid environment: SESSION_MAX_AGE: must be a Go duration between 5m and 720h/);
    expect(withEnv({ SESSION_MAX_AGE: "forever" })).toThrow(/^invalid environment: SESSION_MAX_AGE: /);
  });

  it("never puts the SMTP password in its error", () => {
    expect(withEnv({ SMTP_URL: "smtp//user:hunter2@mail" })).toThrow(/^(?!.*hunter2)/);
  });
});

describe("the environment of Next.js processes", () => {
  const before = process.env.NEXT_TELEMETRY_DISABLED;
  afterEach(() => setEnv({ NEXT_TELEMETRY_DISABLED: before }));

  it("turns Next's telemetry off, whatever this process says, and keeps the rest", () => {
    setEnv({ NEXT_TELEMETRY_DISABLED: undefined });
    expect(nextProcessEnv({ NEXT_DIST_DIR: ".next-x" })).toMatchObject({ NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: ".next-x" });
    setEnv({ NEXT_TELEMETRY_DISABLED: "" });
    expect(nextProcessEnv({ NEXT_TELEMETRY_DISABLED: undefined }).NEXT_TELEMETRY_DISABLED).toBe("1");
  });
});
