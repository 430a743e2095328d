import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { API_ROUTE_HEADER } from "../api/paths";
import { nextProcessEnv } from "../env";
import { logger } from "../logger";

// The front's side of the Next.js worker (next-worker.ts): start it, hand requests to it over its
// Unix socket (keep-alive), stop it. Hop-by-hop headers are not passed on, either way, except a
// request's Transfer-Encoding: the body is sent on framed as it came (Node frames a DELETE or GET
// body only when told it is chunked).

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);
const HOP_BY_HOP_REQUEST = new Set([...HOP_BY_HOP].filter((h) => h !== "transfer-encoding"));

export interface NextWorker {
  forward(req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string>): void;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Called once if the worker exits on its own. */
  onExit(fn: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Has the worker make the account's first signing key (Prisma work, which the front never does). */
  ensureSigningKey(accountId: string): Promise<void>;
}

/** What the front asks of the worker over IPC, and the worker's reply. */
export type WorkerRequest = { type: "ensure-signing-key"; id: number; accountId: string };
export type WorkerReply = { type: "done"; id: number; error?: string };

/**
 * Starts the worker with this process's environment; `port` is the public one, where next-auth
 * reaches itself. `onApiAnswer` hears of every REST API answer (its route pattern and status).
 */
export async function startNextWorker(opts: { port: number; onApiAnswer?: (method: string, route: string, status: number) => void }): Promise<NextWorker> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatepost-worker-"));
  const socketPath = path.join(dir, "next.sock");
  const child: ChildProcess = fork(path.join(__dirname, "next-worker.ts"), [], {
    // next-auth derives its URLs from the request's host, so the dashboard works on any address.
    env: nextProcessEnv({ AUTH_TRUST_HOST: "true", GATEPOST_WORKER_SOCKET: socketPath }, { NEXTAUTH_URL_INTERNAL: `http://127.0.0.1:${opts.port}` }),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping = false;
  let exitListener: ((code: number | null, signal: NodeJS.Signals | null) => void) | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      rmSync(dir, { recursive: true, force: true });
      if (!stopping) exitListener?.(code, signal);
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.once("message", (m) => (m === "ready" ? resolve() : reject(new Error(`unexpected message from the Next.js worker: ${String(m)}`))));
    child.once("exit", (code) => reject(new Error(`the Next.js worker exited during start-up (code ${code})`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 30_000 });
  const forward = workerForwarder(socketPath, agent, opts.onApiAnswer);
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on("message", (m: WorkerReply) => {
    const w = m?.type === "done" ? waiting.get(m.id) : undefined;
    if (!w) return;
    waiting.delete(m.id);
    if (m.error === undefined) w.resolve();
    else w.reject(new Error(m.error));
  });
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error("the Next.js worker exited"));
    waiting.clear();
  });

  return {
    forward,
    ensureSigningKey(accountId) {
      const id = ++nextId;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ type: "ensure-signing-key", id, accountId } satisfies WorkerRequest);
      });
    },
    onExit(fn) {
      exitListener = fn;
    },
    async stop(graceMs = 5000) {
      stopping = true;
      agent.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Hands a request to the worker listening on `socketPath` and its answer back to the client. A
 * worker that never answers is a 502 with the v4 envelope, and a log line; a client that leaves
 * first is neither.
 */
export function workerForwarder(
  socketPath: string,
  agent: http.Agent,
  onApiAnswer?: (method: string, route: string, status: number) => void,
): NextWorker["forward"] {
  return (req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string>) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP_REQUEST.has(name)) headers[name] = value;
    Object.assign(headers, extraHeaders);
    const upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
      const route = out[API_ROUTE_HEADER];
      if (route !== undefined) {
        delete out[API_ROUTE_HEADER];
        onApiAnswer?.(req.method ?? "", String(route), answer.statusCode ?? 0);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
    });
    let clientGone = false;
    upstream.on("error", (err) => {
      // The client left first (a closed tab, an aborted prefetch): the request is dropped on
      // purpose, nobody is waiting for an answer, and nothing went wrong.
      if (clientGone) return;
      // The worker may answer (a 413, say) and close before reading the whole body: its answer
      // stands; only a request it never answered is a 502.
      if (res.headersSent) {
        res.end();
        return;
      }
      logger.error({ err: { message: err.message } }, "the Next.js worker did not answer");
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: false, errors: [{ code: 10502, message: "the dashboard and API process did not answer" }], messages: [], result: null }));
    });
    res.on("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  };
}
