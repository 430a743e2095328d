// `npm test`: the type check, every Vitest project, then Playwright, in that order. Stops at the first
// failing step, and always ends with one plain line, "tests: N passed, N failed", counted from the
// runners' JSON reports. A step that fails without reporting a failed test (a type error, a broken
// set-up) counts as one failure, so a red run never reads "0 failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const bin = (name) => path.join("node_modules", ".bin", name);
const tmp = mkdtempSync(path.join(os.tmpdir(), "gatepost-npm-test-"));
const vitestJson = path.join(tmp, "vitest.json");
const playwrightJson = path.join(tmp, "playwright.json");
const hasVitestConfig = ["vitest.config.ts", "vitest.config.mts", "vitest.config.js", "vitest.config.mjs"].some((f) => existsSync(f));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const steps = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  hasVitestConfig && {
    name: "vitest",
    cmd: bin("vitest"),
    // No --project filter: every project in vitest.config.ts runs (unit, integration, api, ...).
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    count: () => {
      const r = readJson(vitestJson);
      return r && { passed: r.numPassedTests, failed: r.numFailedTests };
    },
  },
  {
    name: "playwright",
    cmd: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson },
    count: () => {
      const s = readJson(playwrightJson)?.stats;
      return s && { passed: s.expected + s.flaky, failed: s.unexpected };
    },
  },
].filter(Boolean);

let passed = 0;
let failed = 0;
const lines = [];
let ran = 0;
for (const step of steps) {
  ran += 1;
  const started = Date.now();
  process.stderr.write(`\n=== ${step.name}: ${[step.cmd, ...step.args].join(" ")}\n`);
  const r = spawnSync(step.cmd, step.args, { stdio: "inherit", env: { ...process.env, ...step.env } });
  const counts = step.count?.() ?? null;
  // A failed test fails the step even when the runner's exit code says otherwise.
  let ok = r.status === 0 && !(counts?.failed > 0);
  let note = "";
  if (ok && step.count && !counts) {
    // A runner that succeeded without its report would make the total lie.
    ok = false;
    note = " (its JSON report is missing)";
  }
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (!ok && !(counts?.failed > 0)) failed += 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const detail = counts ? `${counts.passed} passed, ${counts.failed} failed` : ok ? "ok" : `exit ${r.status ?? r.signal ?? r.error?.message}`;
  lines.push(`${step.name.padEnd(11)} ${ok ? "PASS" : "FAIL"}  ${detail}${note}  (${seconds} s)`);
  if (!ok) break;
}
for (const step of steps.slice(ran)) lines.push(`${step.name.padEnd(11)} SKIPPED`);
if (!hasVitestConfig) lines.push("vitest      SKIPPED (no vitest.config.ts)");

rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`\n${lines.join("\n")}\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
