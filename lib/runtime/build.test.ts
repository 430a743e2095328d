import { beforeEach, describe, expect, it, vi } from "vitest";

// `npm start` builds the app when a source is newer (server.ts → buildIfStale → runNextBuild): that
// build must not announce or send Next's telemetry.

const spawnSync = vi.fn((..._args: unknown[]) => ({ status: 0, stdout: "", stderr: "" }));
vi.mock("node:child_process", () => ({ spawnSync: (...args: unknown[]) => spawnSync(...args) }));

const { runNextBuild } = await import("./build");

beforeEach(() => spawnSync.mockClear());

describe("next build", () => {
  it("runs with Next's telemetry disabled, into the folder asked for", () => {
    const r = runNextBuild(".next-telemetry-check", { root: "/nonexistent-root", capture: true });
    expect(r.ok).toBe(true);
    const options = spawnSync.mock.calls[0][2] as { env: NodeJS.ProcessEnv };
    expect(options.env.NEXT_TELEMETRY_DISABLED).toBe("1");
    expect(options.env.NEXT_DIST_DIR).toBe(".next-telemetry-check");
  });
});
