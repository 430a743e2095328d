// The dashboard and the REST API: Next.js in a process of its own, started by server.ts, which
// owns the public port, answers the validation endpoint itself and hands every other request to
// this process over a Unix socket only it can reach. Keeping Next (its router, its patched globals,
// its heap) out of the validating process is what lets a validation cost little more than a bare
// HTTP answer. Run with `fork()`: it reports "ready" over IPC once it listens.
import http from "node:http";
import next from "next";
import { ensureSigningKey, rotateDueSigningKeys } from "../access/signing-keys";
import { AlertScanner } from "../alerts/scanner";
import { disconnectDb } from "../db/client";
import { getEnv } from "../env";
import { logger } from "../logger";
import { seedFromEnv } from "./bootstrap";
import type { WorkerReply, WorkerRequest } from "./worker-proxy";

const KEY_ROTATION_CHECK_MS = 60_000;

async function main() {
  const env = getEnv();
  const socketPath = env.GATEPOST_WORKER_SOCKET;
  if (!socketPath) throw new Error("GATEPOST_WORKER_SOCKET is not set (server.ts starts this process)");
  // The work that needs Prisma runs here, not in the validating front (which then never loads
  // Prisma's query compiler): the default account and first administrator, and the alert scan.
  await seedFromEnv();
  const app = next({ dev: false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Whatever the front accepted (16 KiB of request line and headers) arrives here with the client-IP
  // header added: twice the limit, so the front alone decides what is too large (414 / 431).
  const server = http.createServer({ maxHeaderSize: 2 * http.maxHeaderSize }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, "unhandled request error");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: false, errors: [{ code: 10500, message: "internal error" }], messages: [], result: null }));
    });
  });
  // The front keeps connections open for reuse; longer than its own idle timeout.
  server.keepAliveTimeout = 65_000;
  server.listen(socketPath, () => process.send?.("ready"));
  // Expiry alerts: a scan every ALERT_SCAN_INTERVAL, each delivery claimed in the database.
  const alerts = AlertScanner.fromEnv();
  alerts.start();
  // Signing keys: rotated on schedule (each instance checks every minute; a row lock makes one
  // rotate), and an account's first key made when the front finds none.
  const rotate = () =>
    rotateDueSigningKeys().catch((err: unknown) => logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "signing-key rotation check failed"));
  void rotate();
  const rotation = setInterval(rotate, KEY_ROTATION_CHECK_MS);
  rotation.unref();
  process.on("message", (m: WorkerRequest) => {
    if (m?.type !== "ensure-signing-key") return;
    const reply = (r: WorkerReply) => process.send?.(r);
    ensureSigningKey(m.accountId).then(
      () => reply({ type: "done", id: m.id }),
      (err: unknown) => reply({ type: "done", id: m.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(rotation);
    server.close();
    server.closeAllConnections();
    void alerts
      .stop()
      .catch((err: unknown) => logger.error({ err }, "stopping the alert scanner failed"))
      .then(() => disconnectDb())
      .catch(() => undefined)
      .then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  // Ctrl-C reaches the whole process group: the front decides the order, this one just stops.
  process.on("SIGINT", stop);
  process.on("disconnect", stop);
}

main().catch((err: unknown) => {
  logger.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, "the Next.js worker failed to start");
  process.exit(1);
});
