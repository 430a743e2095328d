import { failureBody } from "./envelope";
import { API_PREFIX } from "./paths";

// Requests under /client/v4 that Next answers itself before the catch-all route runs, with an HTML
// page, a redirect or even a 500: malformed percent-encoding in the path (Next fails to decode the
// catch-all parameter: "Internal Server Error", status 500), methods Next does not support (TRACE
// is a 500, PROPFIND a bare 400), empty and dot segments ("//", "/..", "/%2e%2e", a trailing slash:
// 308 redirects) and the bare prefix (an HTML 404). None of them can name a route, so they are all
// "no route for the URI". The server entry asks this function first and sends its answer as it is.
// Pure: no Next, no I/O.

export interface PreRouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ROUTED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function answer(status: number, code: number, message: string): PreRouteAnswer {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(failureBody(code, message)),
  };
}

/** Whether each segment after the prefix decodes to something a route pattern could match. */
function routable(pathname: string): boolean {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return false;
  try {
    return pathname
      .slice(API_PREFIX.length + 1)
      .split("/")
      .map((s) => decodeURIComponent(s))
      .every((s) => s !== "" && s !== "." && s !== "..");
  } catch {
    return false;
  }
}

/** The v4 answer for a request Next would mishandle, or null to let Next route it. */
export function apiPreRouteAnswer(method: string | undefined, rawUrl: string | undefined): PreRouteAnswer | null {
  if (!rawUrl) return null;
  const pathname = rawUrl.split("?", 1)[0];
  if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return null;
  if (!routable(pathname)) return answer(404, 7003, "no route for the URI");
  if (!ROUTED_METHODS.has((method ?? "").toUpperCase())) return answer(405, 10405, "method not allowed");
  return null;
}
