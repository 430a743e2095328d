import { AlertScanner } from "../../lib/alerts/scanner";

// An alert scanner in a process of its own, configured from the environment as `npm start`
// configures it (DATABASE_URL, ALERT_SCAN_INTERVAL, SMTP_URL, PUBLIC_URL, AUTH_SECRET): the
// instances of tests/integration/alert-instances.test.ts. One process (node --import tsx), so
// that a SIGKILL kills the scanner itself. SIGTERM stops it as server.ts does.

const scanner = AlertScanner.fromEnv();
scanner.start();
process.on("SIGTERM", () => {
  void scanner.stop().finally(() => process.exit(0));
});
