/** Every REST API path starts with this, as Cloudflare's does. */
export const API_PREFIX = "/client/v4";

/**
 * Response header naming the route pattern that answered (or "unmatched"): set by the router in the
 * Next.js worker, read and removed by the server entry, which counts API requests for the metrics.
 */
export const API_ROUTE_HEADER = "x-gatepost-api-route";
