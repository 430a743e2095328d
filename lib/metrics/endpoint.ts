import { timingSafeEqual } from "node:crypto";
import { isLoopback } from "../net/ip";
import { collectProcessMetrics, registry } from "./registry";

// Who may read GET /metrics. Without METRICS_TOKEN: loopback clients only (a Prometheus on the same
// host); the client is the one the server entry determined (X-Forwarded-For from a trusted proxy),
// so a request relayed by a reverse proxy on the same host is not taken for a local one. With
// METRICS_TOKEN: any client that sends `Authorization: Bearer <METRICS_TOKEN>`, and no one else,
// loopback included.

export interface MetricsAnswer {
  status: 200 | 401 | 403;
  headers: Record<string, string>;
  body: string;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refusal = (status: 401 | 403, text: string, extra: Record<string, string> = {}): MetricsAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...extra },
  body: `${text}\n`,
});

export function createMetricsEndpoint(opts: { token: string | undefined }) {
  collectProcessMetrics();
  return async function metrics(clientIp: string | null, authorization: string | undefined): Promise<MetricsAnswer> {
    if (opts.token) {
      if (!bearerMatches(authorization, opts.token)) return refusal(401, "metrics: send Authorization: Bearer <METRICS_TOKEN>", { "www-authenticate": 'Bearer realm="metrics"' });
    } else if (clientIp === null || !isLoopback(clientIp)) {
      return refusal(403, "metrics: answered to loopback clients only (set METRICS_TOKEN to allow others)");
    }
    return { status: 200, headers: { "content-type": registry.contentType }, body: await registry.metrics() };
  };
}
