import type { IncomingMessage, ServerResponse } from "node:http";
import { createMetricsEndpoint } from "../metrics/endpoint";
import { HEALTHY, createReadiness } from "./probes";

// The operator's endpoints, served by the server entry before anything else: GET /healthz, GET
// /readyz (lib/runtime/probes.ts) and GET /metrics (lib/metrics/endpoint.ts). No request log line.

const PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OperationsOptions {
  /** Resolves to how many accounts have a signing key loaded. */
  signingKeys: () => Promise<number>;
  metricsToken: string | undefined;
  /** The client as the server determined it (X-Forwarded-For from a trusted proxy). */
  clientIp: (req: IncomingMessage) => string | null;
}

export async function createOperationsEndpoints(opts: OperationsOptions) {
  const readiness = await createReadiness(opts.signingKeys);
  const metrics = createMetricsEndpoint({ token: opts.metricsToken });
  const answer = (req: IncomingMessage): Answer | Promise<Answer> => {
    if (req.url === "/healthz") return HEALTHY;
    if (req.url === "/readyz") return readiness.answer();
    return metrics(opts.clientIp(req), req.headers.authorization);
  };
  return {
    /** Answers the request and returns true when it is one of these endpoints. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (!PATHS.has(req.url ?? "")) return false;
      const send = (a: Answer) => {
        res.writeHead(a.status, { ...a.headers, "cache-control": "no-store", "content-length": String(Buffer.byteLength(a.body)) });
        res.end(req.method === "HEAD" ? undefined : a.body);
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        send({ status: 405, headers: { "content-type": "text/plain; charset=utf-8", allow: "GET, HEAD" }, body: "method not allowed\n" });
        return true;
      }
      const a = answer(req);
      // Readiness catches its own failures; only collecting the metrics can still throw.
      if (a instanceof Promise) a.then(send, () => send({ status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "metrics: collecting failed\n" }));
      else send(a);
      return true;
    },
  };
}
