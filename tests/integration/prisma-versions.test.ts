import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Prisma's packages come from one release: the CLI that generates the client, the client's runtime
// (its query compiler), the driver adapter and the wasm schema engine that `npm run db:diff` and
// the drift test use. A generator of one release over a runtime of another is what this catches.

const root = process.cwd();
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as Record<string, any>;
const installed = (name: string): string => json(path.join("node_modules", name, "package.json")).version;

describe("the Prisma packages", () => {
  it("are pinned to one version in package.json, and that version is installed", () => {
    const pkg = json("package.json");
    const pins = ["prisma", "@prisma/client", "@prisma/adapter-pg", "@prisma/driver-adapter-utils"].map((name) => [
      name,
      pkg.dependencies[name] ?? pkg.devDependencies[name],
    ]);
    const [, version] = pins[0];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.fromEntries(pins)).toEqual(Object.fromEntries(pins.map(([name]) => [name, version])));
    for (const [name] of pins) expect(installed(name), name).toBe(version);
  });

  it("share one engine: the CLI's, the client's runtime, the wasm schema engine and the generated client", () => {
    const engines = installed("@prisma/engines-version");
    const hash = engines.split(".").pop();
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(installed("@prisma/schema-engine-wasm")).toBe(engines);
    expect(readFileSync(path.join(root, "node_modules/@prisma/client/runtime/client.js"), "utf8")).toContain(hash);
    const generated = readFileSync(path.join(root, "lib/generated/prisma/internal/class.ts"), "utf8");
    expect(generated).toContain(`"engineVersion": "${hash}"`);
    expect(generated).toContain(`"clientVersion": "${installed("@prisma/client")}"`);
  });
});
