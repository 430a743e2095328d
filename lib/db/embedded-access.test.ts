import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertPostgresUserCanReach, EmbeddedPostgresAccessError, firstUntraversable } from "./embedded-access";

// Run as root, the embedded PostgreSQL runs as "postgres": every folder on the way to its binaries
// and its data must let that user in, or start-up stops at once with one line saying what to do.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

function tree(mode: number): { top: string; data: string } {
  const top = mkdtempSync(path.join(os.tmpdir(), "gp-access-"));
  dirs.push(top);
  const data = path.join(top, "project", ".data");
  mkdirSync(data, { recursive: true });
  chmodSync(top, mode);
  return { top, data };
}

const stranger = { uid: 4_000_001, gid: 4_000_001 };

describe("whether the postgres user can reach a folder", () => {
  it("names the first folder it cannot enter (a 0700 folder of another user)", () => {
    const { top, data } = tree(0o700);
    expect(firstUntraversable(data, stranger)).toBe(top);
  });

  it("lets it through folders others may enter, and folders of its own user or group", () => {
    expect(firstUntraversable(tree(0o711).data, stranger)).toBeNull();
    const own = tree(0o700);
    expect(firstUntraversable(own.data, { uid: process.getuid!(), gid: -1 })).toBeNull();
    const group = tree(0o710);
    expect(firstUntraversable(group.data, { uid: -1, gid: process.getgid!() })).toBeNull();
  });

  it("a data directory not created yet is checked up to its first existing folder", () => {
    const { top } = tree(0o700);
    expect(firstUntraversable(path.join(top, "not", "yet"), stranger)).toBe(top);
    expect(firstUntraversable(path.join(tree(0o755).top, "not", "yet"), stranger)).toBeNull();
  });

  it("as root, refuses with one line that names the folder and what to do; not as another user", () => {
    const { top, data } = tree(0o700);
    const check = () => assertPostgresUserCanReach(data, { isRoot: true, binaries: os.tmpdir() });
    expect(check).toThrow(EmbeddedPostgresAccessError);
    try {
      check();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain("\n");
      expect(message).toContain(`cannot enter ${top}`);
      expect(message).toMatch(/chmod o\+x .*unprivileged user.*DATABASE_URL/);
    }
    expect(() => assertPostgresUserCanReach(data, { isRoot: false })).not.toThrow();
  });
});
