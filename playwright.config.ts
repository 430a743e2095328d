import { existsSync } from "node:fs";
import os from "node:os";
import { defineConfig, devices } from "@playwright/test";
import { acquireRunLock } from "./e2e/support/run-lock";

// End-to-end tests against the production build (the run's, shared with the API and validation
// suites: tests/harness/build.ts), served by server.ts, started once per run by e2e/global-setup.ts.
// Debian's Chromium when installed (.ci/run installs it: Playwright cannot download its own browser
// here), Playwright's own browser elsewhere. Its headless shell first: the same Chromium build
// without the desktop browser around it, which Playwright itself runs headless tests in. On 2
// cores, 30 of the tests took 88 s in it against 111 s in the full browser.
const debianChromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((file) => existsSync(file));

// Workers load this file too; only the runner waits for another run in this checkout to end.
if (process.env.TEST_WORKER_INDEX === undefined) acquireRunLock(__dirname);

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  // One worker per core. Each test waits on the server, on debounces and on navigations much of
  // the time: on 2 cores, with one worker the CPU sat idle 44% of the run.
  workers: os.availableParallelism(),
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  // A guard against a hung run, not a target: on 2 cores the suite takes about 5 minutes.
  globalTimeout: 45 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: debianChromium,
      // Without the networking flags Chromium keeps calling out to Google, which this network refuses.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    },
    // The copy buttons are checked by reading the clipboard back.
    permissions: ["clipboard-read", "clipboard-write"],
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Recorded only when a failed test runs again (CI retries once): recording every test's
    // screencast and DOM snapshots cost Chromium a quarter of its CPU.
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
});
