import net from "node:net";

// Small facts that the server, the embedded PostgreSQL, the tests and the benchmarks each need: how
// the server process is started, a free loopback port, and whether a process is still there.

/**
 * How `npm start` runs the server (package.json, which cannot import this: keep the two alike):
 * node itself with tsx's loader in the process, so that the signal a supervisor sends reaches the
 * server. The tsx command would put a launcher in between, which SIGKILLs the server when it does
 * not acknowledge a relayed signal within 30 ms (a busy machine is enough) and orphans PostgreSQL.
 */
export const SERVER_NODE_ARGS = ["--import", "tsx", "server.ts"] as const;
export const SERVER_ENV = { TSX_TSCONFIG_PATH: "tsconfig.node.json", NEXT_TELEMETRY_DISABLED: "1" } as const;

/** A loopback port free right now (the kernel's choice). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's (PostgreSQL runs as "postgres" when we are root).
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
