import net from "node:net";

// Two small facts about the machine that the embedded PostgreSQL, the tests and the benchmarks
// each need: a free loopback port, and whether a process is still there.

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
