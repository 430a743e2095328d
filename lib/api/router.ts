import "server-only";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { logger } from "../logger";
import { successResponse } from "./envelope";
import { internalErrorResponse, knownErrorResponse, loggableError, methodNotAllowed, noRoute } from "./errors";
import { API_PREFIX, API_ROUTE_HEADER } from "./paths";
import { routes, type Route } from "./routes";
import { withApiToken, type ApiRequest } from "./with-api-token";

// Dispatches every request under /client/v4 through the route table, and turns every outcome,
// thrown or returned, into a v4 envelope. Nothing a client sends can make this throw.

interface CompiledRoute {
  route: Route;
  segments: string[];
  /** Literal segments count: the more specific pattern wins when two match. */
  literals: number;
  run: ReturnType<typeof withApiToken>;
}

const compiled: CompiledRoute[] = routes.map((route) => {
  const segments = route.pattern.split("/").slice(1);
  return {
    route,
    segments,
    literals: segments.filter((s) => !s.startsWith(":")).length,
    run: withApiToken(route.handler, { permission: route.permission }),
  };
});

/** Path segments after the prefix, percent-decoded; null when the path is not one we could route. */
function pathSegments(pathname: string): string[] | null {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  const raw = pathname.slice(API_PREFIX.length + 1).split("/");
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return null; // malformed percent-encoding
  }
}

function matchParams(route: CompiledRoute, segments: string[]): Record<string, string> | null {
  if (route.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i];
    if (want.startsWith(":")) {
      if (segments[i] === "") return null;
      params[want.slice(1)] = segments[i];
    } else if (want !== segments[i]) {
      return null;
    }
  }
  return params;
}

/**
 * Answers one API request, and logs it in one line: method, route pattern, status, time, the id of
 * the API token that sent it once that token authenticated (never the token itself; also when the
 * request is then refused) and the client IP (as the server entry determined it).
 */
export async function dispatch(request: Request): Promise<Response> {
  const started = performance.now();
  const receivedAt = new Date();
  // HEAD is GET without a body (the HTTP layer drops it).
  const method = request.method === "HEAD" ? "GET" : request.method;
  let pattern: string | null = null;
  let seen: ApiRequest | null = null;
  let response: Response;
  try {
    const url = new URL(request.url);
    const segments = pathSegments(url.pathname);
    const candidates = segments
      ? compiled.flatMap((c) => {
          const params = matchParams(c, segments);
          return params ? [{ c, params }] : [];
        })
      : [];
    if (candidates.length === 0) throw noRoute();
    const chosen = candidates.filter(({ c }) => c.route.method === method).sort((a, b) => b.c.literals - a.c.literals)[0];
    if (!chosen) throw methodNotAllowed([...new Set(candidates.map(({ c }) => c.route.method))]);
    pattern = chosen.c.route.pattern;
    seen = { params: chosen.params, query: url.searchParams, receivedAt, apiTokenId: null };
    const out = await chosen.c.run(request, seen);
    response = successResponse(out.result, {
      status: out.status,
      resultInfo: out.resultInfo,
      headers: out.secret ? { "cache-control": "no-store" } : {},
    });
  } catch (err) {
    const known = knownErrorResponse(err);
    if (!known) logger.error({ err: loggableError(err), method, route: pattern }, "API request failed");
    response = known ?? internalErrorResponse();
  }
  // For the server entry's metrics (it strips the header): the route pattern, not the path.
  response.headers.set(API_ROUTE_HEADER, pattern ?? "unmatched");
  logger.info(
    {
      method: request.method,
      route: pattern,
      status: response.status,
      ms: Math.round(performance.now() - started),
      apiTokenId: seen?.apiTokenId ?? null,
      clientIp: request.headers.get(CLIENT_IP_HEADER),
    },
    "API request",
  );
  return response;
}
