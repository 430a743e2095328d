import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIfStale, typeCheck } from "./build";

// `npm start` never builds (so never serves) a tree with type errors: the type check runs before
// `next build`, which itself does not check types. A throw-away project of two files, with this
// project's node_modules, so that the real tsc runs.

const projects: string[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) rmSync(p, { recursive: true, force: true });
});

function project(source: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "gatepost-typecheck-"));
  projects.push(root);
  symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
  writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["*.ts"] }));
  writeFileSync(path.join(root, "index.ts"), source);
  return root;
}

// tsc takes a few seconds even for two files, many more on a busy machine.
describe("the start path's type check", { timeout: 180_000 }, () => {
  it("passes a tree without type errors", () => {
    expect(typeCheck(project("export const n: number = 1;\n"))).toEqual({ ok: true });
  });

  it("refuses to build a tree with type errors", () => {
    const root = project('export const n: number = "one";\n');
    // quiet: the errors it is meant to find would read as a failure in the test run's output.
    expect(typeCheck(root, { quiet: true }).ok).toBe(false);
    expect(() => buildIfStale(".next-x", { root, quietTypeCheck: true })).toThrow(/the type check failed .*not building or serving this tree/);
    expect(existsSync(path.join(root, ".next-x"))).toBe(false);
  });
});
