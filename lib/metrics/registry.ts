import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { databasePoolStats } from "../db/client";

// The Prometheus metrics of the server process (GET /metrics, lib/metrics/endpoint.ts): what the
// validation endpoint decided and how fast, the API requests the server handed to the Next.js
// worker, alert deliveries, and the database pool. Labels are bounded sets: reasons from the access
// log's list, API route patterns (not paths), mechanisms and statuses.

export const registry = new Registry();

let processMetrics = false;
/** Node's own metrics (CPU, memory, event-loop lag, GC) too: once, by the process that serves /metrics. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry, prefix: "gatepost_" });
}

export const validations = new Counter({
  name: "gatepost_validations_total",
  help: "Validation endpoint decisions, by outcome (allowed, refused) and access-log reason",
  labelNames: ["outcome", "reason"] as const,
  registers: [registry],
});

export const validationSeconds = new Histogram({
  name: "gatepost_validation_duration_seconds",
  help: "Time from a validation request's arrival to its answer",
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [registry],
});

export const apiRequests = new Counter({
  name: "gatepost_api_requests_total",
  help: "REST API requests, by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const alertDeliveries = new Counter({
  name: "gatepost_alert_deliveries_total",
  help: "Expiry-alert deliveries finished by this process, by mechanism and status (sent, failed, not_sent)",
  labelNames: ["mechanism", "status"] as const,
  registers: [registry],
});

new Gauge({
  name: "gatepost_db_pool_connections",
  help: "Connections of the server process's database pool, by state (total, idle, waiting: requests queued for one)",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    const s = databasePoolStats();
    if (!s) return;
    this.set({ state: "total" }, s.total);
    this.set({ state: "idle" }, s.idle);
    this.set({ state: "waiting" }, s.waiting);
  },
});
