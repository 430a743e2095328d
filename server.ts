// The process behind `npm start`: builds when needed, starts the database, applies migrations,
// then serves the dashboard, the API and the validation endpoint on one port. It answers the
// validation endpoint itself and hands everything else to the Next.js worker (its child,
// lib/runtime/next-worker.ts), so that the hot path never shares a process with Next.
import http from "node:http";
import { ACCESS_PREFIX, AccessRuntime } from "./lib/access/validation/runtime";
import { apiPreRouteAnswer } from "./lib/api/pre-route";
import { disconnectDb, forbidPrisma } from "./lib/db/client";
import { assertPostgresUserCanReach, EmbeddedPostgresAccessError } from "./lib/db/embedded-access";
import { getEnv } from "./lib/env";
import { oversizedRequestResponse, type HttpParseError } from "./lib/http/client-error";
import { CLIENT_IP_HEADER, clientIp } from "./lib/http/client-ip";
import { undecodablePathAnswer } from "./lib/http/undecodable-path";
import { parseCidrList } from "./lib/net/ip";
import { logger } from "./lib/logger";
import { apiRequests } from "./lib/metrics/registry";
import { createOperationsEndpoints } from "./lib/runtime/operations";
import { ensureAuthSecret, prepareDatabase } from "./lib/runtime/bootstrap";
import { buildIfStale } from "./lib/runtime/build";
import { startNextWorker } from "./lib/runtime/worker-proxy";

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

async function main() {
  // Prisma work (seed, key creation and rotation, alerts, the dashboard, the API) is the worker's.
  forbidPrisma("the validating process (server.ts)");
  const env = getEnv();
  // Before a build that takes minutes: whether the embedded PostgreSQL can run at all.
  if (!env.DATABASE_URL) assertPostgresUserCanReach(env.dataDir);
  buildIfStale(env.NEXT_DIST_DIR, { skip: env.SKIP_BUILD === "1", onBuild: () => logger.info("type-checking and building the application (tsc, next build)") });
  const db = await prepareDatabase();
  await ensureAuthSecret();

  const worker = await startNextWorker({ port: env.PORT, onApiAnswer: (method, route, status) => apiRequests.inc({ method, route, status }) });

  const trusted = parseCidrList(env.TRUSTED_PROXIES, "TRUSTED_PROXIES");
  const access = new AccessRuntime({
    trustedProxies: trusted,
    databaseUrl: getEnv().DATABASE_URL!,
    issuer: env.publicUrl,
    maxFailuresPerIp: env.VALIDATE_MAX_FAILURES_PER_IP,
    maxFailuresPerClientId: env.VALIDATE_MAX_FAILURES_PER_CLIENT_ID,
    ensureSigningKey: (accountId) => worker.ensureSigningKey(accountId),
  });
  await access.start();
  const operations = await createOperationsEndpoints({
    signingKeys: async () => (await access.store.keys()).signing.size,
    metricsToken: env.METRICS_TOKEN,
    clientIp: (req) => clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted),
  });

  const server = http.createServer((req, res) => {
    // The validation endpoint: the hot path, served without Next.
    if (req.url?.startsWith(ACCESS_PREFIX)) {
      access.handle(req, res);
      return;
    }
    // Probes and metrics: answered here, without Next and without a log line each.
    if (operations.handle(req, res)) return;
    // API requests Next would answer with HTML, a redirect or a 500 get their v4 envelope here.
    // So do pages whose path does not decode (Next: a bare 500).
    const early = apiPreRouteAnswer(req.method, req.url) ?? undecodablePathAnswer(req.url);
    if (early) {
      apiRequests.inc({ method: req.method, route: "unmatched", status: early.status });
      res.writeHead(early.status, early.headers).end(early.body);
      return;
    }
    // Next answers methods it does not know (TRACE, PROPFIND, ...) with a 500.
    if (!HTTP_METHODS.has(req.method ?? "")) {
      res.writeHead(405, { "content-type": "text/plain; charset=utf-8", allow: [...HTTP_METHODS].join(", ") }).end("method not allowed\n");
      return;
    }
    // Whatever a client sent under this name is overwritten: the worker believes this header.
    worker.forward(req, res, { [CLIENT_IP_HEADER]: clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted) });
  });
  // A reverse proxy keeps its upstream connections open for reuse (nginx: 60 s by default): closing
  // them first (Node's default is 5 s) makes it reuse one that is closing, and answer a 502.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  // Unparsable HTTP: answer 400 instead of dropping the connection without a word; a request line
  // or headers over the size limit, 414 or 431 with the v4 envelope.
  server.on("clientError", (err: Error & HttpParseError, socket) => {
    if (socket.writable) socket.end(oversizedRequestResponse(err) ?? "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  server.listen(env.PORT, env.HOST, () => {
    logger.info({ url: `http://${env.HOST}:${env.PORT}`, publicUrl: env.publicUrl }, "Gatepost is ready");
  });

  let stopping = false;
  let exitCode = 0;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close();
    server.closeAllConnections();
    // The access log still in memory goes to the database before the database goes away.
    await Promise.all([
      access.stop().catch((err: unknown) => logger.error({ err }, "flushing the access log failed")),
      worker.stop().catch((err: unknown) => logger.error({ err }, "stopping the Next.js worker failed")),
    ]);
    await disconnectDb().catch(() => undefined);
    await db.stop().catch((err: unknown) => logger.error({ err }, "stopping PostgreSQL failed"));
    process.exit(exitCode);
  };
  // A promise nobody handled would end the process with a plain-text stack and exit code 1. While
  // stopping (a request or a timer's query meeting the closed pool), it is logged and the stop
  // goes on; otherwise it is logged as JSON and the server stops as it would on a signal.
  process.on("unhandledRejection", (reason: unknown) => {
    const err = reason instanceof Error ? { message: reason.message, stack: reason.stack } : { message: String(reason) };
    if (stopping) {
      logger.warn({ err }, "a rejection nobody handled, during shutdown");
      return;
    }
    logger.fatal({ err }, "a rejection nobody handled; stopping");
    exitCode = 1;
    void stop("unhandled rejection");
  });
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  worker.onExit((code, signal) => {
    logger.fatal({ code, signal }, "the Next.js worker exited; stopping");
    exitCode = 1;
    void stop("worker exit");
  });
}

main().catch((err: unknown) => {
  // A setting the operator must change: its message says what to do; a stack would bury it.
  if (err instanceof EmbeddedPostgresAccessError) logger.fatal(err.message);
  else logger.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, "start-up failed");
  process.exit(1);
});
