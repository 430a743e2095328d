import { spawn } from "node:child_process";
import path from "node:path";
import { childEnv, ROOT, waitForExit } from "./processes";

// An alert scanner in a process of its own (tests/helpers/alert-scanner-process.ts, configured as
// `npm start` configures it), scanning every second: the instances of the integration tests and
// the e2e notifications tests' "scan now". A process that ends before it is stopped can deliver
// nothing: that is said at once (on stderr, and by exitedOnItsOwn), not after a wait in vain.

export interface ScannerSettings {
  databaseUrl: string;
  authSecret: string | undefined;
  publicUrl: string;
  /** Unset: no SMTP (alert emails recorded as not sent). */
  smtp?: { url: string; from: string };
}

export interface ScannerProcess {
  pid: number | undefined;
  /** What ended the process before stop() was called, or null while it runs (or was stopped). */
  exitedOnItsOwn(): string | null;
  /** Sends `signal` (SIGKILL: killed in the middle of its work) and waits; SIGKILL after 15 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startScannerProcess(settings: ScannerSettings): ScannerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("tests", "helpers", "alert-scanner-process.ts")], {
    cwd: ROOT,
    env: childEnv({
      TSX_TSCONFIG_PATH: "tsconfig.node.json",
      DATABASE_URL: settings.databaseUrl,
      AUTH_SECRET: settings.authSecret,
      PUBLIC_URL: settings.publicUrl,
      SMTP_URL: settings.smtp?.url,
      SMTP_FROM: settings.smtp?.from,
      ALERT_SCAN_INTERVAL: "1s",
      // Its warnings (a failed delivery, a lost connection) in the run's output: a test waiting
      // for a delivery that never comes then says why.
      LOG_LEVEL: "warn",
      LOG_DESTINATION: "stderr",
    }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  let stopping = false;
  let ended: string | null = null;
  child.once("exit", (code, signal) => {
    if (stopping) return;
    ended = `the alert scanner process (pid ${child.pid}) exited on its own: ${code ?? signal}`;
    console.error(ended);
  });
  return {
    pid: child.pid,
    exitedOnItsOwn: () => ended,
    stop: async (signal = "SIGTERM") => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (!(await waitForExit(child, 15_000))) child.kill("SIGKILL");
    },
  };
}
