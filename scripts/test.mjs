// `npm test`: the type check, the one production build the suites share, then every Vitest project
// and Playwright side by side. Stops after the first phase that fails, and always ends with one
// plain line, "tests: N passed, N failed", counted from the runners' JSON reports. A step that
// fails without reporting a failed test (a type error, a broken set-up) counts as one failure, so
// a red run never reads "0 failed".
//
// The type check runs alone: a build rewrites next-env.d.ts, which it reads. Vitest and Playwright
// then run one after the other: side by side on 2 cores they starve each other (measured on a fresh
// clone: Vitest 180 s alone against 830 s beside Playwright, Playwright 690 s against 1,170 s; the
// whole run 15 min against 20). TEST_PARALLEL=1 runs them side by side, for a machine with cores to
// spare; the first one's output is then shown as it comes and the other's as a block once it is done.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

const typecheck = { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] };
const build = { name: "build", cmd: process.execPath, args: ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.node.json", "tests/harness/build.ts"] };
const vitest = hasVitestConfig && {
  name: "vitest",
  cmd: bin("vitest"),
  // No --project filter: every project in vitest.config.ts runs (unit, integration, api, ...).
  args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
  count: () => {
    const r = readJson(vitestJson);
    return r && { passed: r.numPassedTests, failed: r.numFailedTests };
  },
  failures: () =>
    (readJson(vitestJson)?.testResults ?? []).flatMap((file) =>
      (file.assertionResults ?? [])
        .filter((t) => t.status === "failed")
        .map((t) => ({ title: `${path.relative(process.cwd(), file.name)} › ${t.fullName}`, message: t.failureMessages?.[0] })),
    ),
};
const playwright = {
  name: "playwright",
  cmd: bin("playwright"),
  args: ["test", "--reporter=list,json"],
  env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson },
  count: () => {
    const s = readJson(playwrightJson)?.stats;
    return s && { passed: s.expected + s.flaky, failed: s.unexpected };
  },
  failures: () => {
    const found = [];
    const walk = (suite, titles) => {
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests ?? [])
          if (test.status === "unexpected") {
            const last = test.results?.at(-1);
            found.push({ title: `${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")}`, message: last?.error?.message ?? last?.errors?.[0]?.message });
          }
      for (const child of suite.suites ?? []) walk(child, suite.file === child.file && child.title !== child.file ? [...titles, child.title] : titles);
    };
    for (const suite of readJson(playwrightJson)?.suites ?? []) walk(suite, []);
    return found;
  },
};
const phases = [[typecheck], [build], [vitest, playwright].filter(Boolean)];

/** Runs a step; `live` streams its output, otherwise it is kept in a file and returned. */
function run(step, live) {
  const started = Date.now();
  const logFile = path.join(tmp, `${step.name}.log`);
  process.stderr.write(`\n=== ${step.name}: ${[step.cmd, ...step.args].join(" ")}${live ? "" : " (output below once it is done)"}\n`);
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { stdio: ["ignore", live ? "inherit" : "pipe", live ? "inherit" : "pipe"], env: { ...process.env, ...step.env } });
    // Settles once the process is gone and, for a kept output, once the file holds all of it.
    let pending = live ? 1 : 2;
    let result;
    const settle = () => {
      if (--pending === 0) resolve({ step, ...result, seconds: (Date.now() - started) / 1000, logFile: live ? null : logFile });
    };
    if (!live) {
      const out = createWriteStream(logFile);
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.once("close", () => out.end());
      out.once("finish", settle);
    }
    child.once("error", (error) => {
      result = { status: null, error };
      if (!live) pending = 1;
      settle();
    });
    child.once("close", (status, signal) => {
      result = { status, signal };
      settle();
    });
  });
}

let passed = 0;
let failed = 0;
const lines = [];
// The failed tests are named again at the very end, where a log cut to its last lines still shows them.
const failures = [];
let stopped = false;
for (const phase of phases) {
  if (stopped) {
    for (const step of phase) lines.push(`${step.name.padEnd(11)} SKIPPED`);
    continue;
  }
  const results = [];
  if (process.env.TEST_PARALLEL === "1") results.push(...(await Promise.all(phase.map((step, i) => run(step, i === 0)))));
  else for (const step of phase) results.push(await run(step, true));
  for (const r of results) {
    if (r.logFile) {
      process.stderr.write(`\n=== ${r.step.name} (${r.seconds.toFixed(1)} s), its output:\n`);
      process.stderr.write(existsSync(r.logFile) ? readFileSync(r.logFile) : "");
    }
    const counts = r.step.count?.() ?? null;
    // A failed test fails the step even when the runner's exit code says otherwise.
    let ok = r.status === 0 && !(counts?.failed > 0);
    let note = "";
    if (ok && r.step.count && !counts) {
      // A runner that succeeded without its report would make the total lie.
      ok = false;
      note = " (its JSON report is missing)";
    }
    if (counts?.failed > 0) failures.push(...(r.step.failures?.() ?? []).map((f) => ({ step: r.step.name, ...f })));
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
    }
    if (!ok && !(counts?.failed > 0)) failed += 1;
    const detail = counts ? `${counts.passed} passed, ${counts.failed} failed` : ok ? "ok" : `exit ${r.status ?? r.signal ?? r.error?.message}`;
    lines.push(`${r.step.name.padEnd(11)} ${ok ? "PASS" : "FAIL"}  ${detail}${note}  (${r.seconds.toFixed(1)} s)`);
    if (!ok) stopped = true;
  }
}
if (!hasVitestConfig) lines.push("vitest      SKIPPED (no vitest.config.ts)");

rmSync(tmp, { recursive: true, force: true });
// Strips colour codes and keeps each message to its first lines: the full one is above.
const brief = (message) =>
  (message ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((line) => line.trim()).slice(0, 6).map((line) => `      ${line.slice(0, 300)}`).join("\n");
if (failures.length) process.stdout.write(`\nfailed tests:\n${failures.map((f) => `  ${f.step}: ${f.title}\n${brief(f.message)}`).join("\n")}\n`);
process.stdout.write(`\n${lines.join("\n")}\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
