import { AlertScanner } from "../../lib/alerts/scanner";

// An alert scanner in a process of its own, configured from the environment as `npm start`
// configures it (DATABASE_URL, ALERT_SCAN_INTERVAL, SMTP_URL, PUBLIC_URL, AUTH_SECRET): the
// instances of tests/integration/alert-instances.test.ts and the e2e notifications tests. One
// process (node --import tsx), so that a SIGKILL kills the scanner itself. SIGTERM stops it as
// server.ts does.
//
// The scanner's timer is unref'd (it never keeps a server process alive by itself), and in
// npm start the worker's IPC channel holds the process; here nothing else does, so without this
// interval the process could exit at once, before its first scan opened a connection.
const alive = setInterval(() => undefined, 60_000);

const scanner = AlertScanner.fromEnv();
scanner.start();
process.on("SIGTERM", () => {
  clearInterval(alive);
  void scanner.stop().finally(() => process.exit(0));
});
