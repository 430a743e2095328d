// Application domains: "host" or "host/path", as Cloudflare Access writes them. Pure: used by the
// forms, the app service (normalisation before storing) and the validator (request → application).

export interface AppDomain {
  /** Lowercase host name, no port. */
  host: string;
  /** "" for the whole host, else "/a/b" (no trailing slash). */
  path: string;
}

export const MAX_DOMAIN_LENGTH = 512;
const MAX_HOST_LENGTH = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 3986 path characters (pchar), minus "*" (no wildcards) and with %XX escapes.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/** Why `host` (already lowercase) is not a host name, or null. */
export function hostProblem(host: string): string | null {
  if (host.length === 0) return "must not be empty";
  if (host.length > MAX_HOST_LENGTH) return `must be at most ${MAX_HOST_LENGTH} characters`;
  if (host.includes("*")) return "wildcards are not supported";
  if (host.includes(":")) return "must not include a port";
  for (const label of host.split(".")) {
    if (!LABEL.test(label)) return `"${host}" is not a valid host name`;
  }
  return null;
}

export class DomainError extends Error {}

/** Parses and normalises "Host/Path/" → { host: "host", path: "/Path" }; throws DomainError. */
export function parseAppDomain(input: string): AppDomain {
  const value = input.trim();
  if (value.length === 0) throw new DomainError("must not be empty");
  if (value.length > MAX_DOMAIN_LENGTH) throw new DomainError(`must be at most ${MAX_DOMAIN_LENGTH} characters`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new DomainError('must be a host or host/path, without a scheme such as "https://"');
  if (/[?#\s]/.test(value)) throw new DomainError("must not contain a query, a fragment or spaces");
  const slash = value.indexOf("/");
  const host = (slash === -1 ? value : value.slice(0, slash)).toLowerCase();
  const problem = hostProblem(host);
  if (problem) throw new DomainError(problem);
  const rawPath = slash === -1 ? "" : value.slice(slash).replace(/\/+$/, "");
  if (rawPath !== "") {
    for (const segment of rawPath.slice(1).split("/")) {
      if (segment === "") throw new DomainError("path must not contain empty segments (//)");
      if (segment === "." || segment === "..") throw new DomainError('path must not contain "." or ".." segments');
      if (segment.includes("*")) throw new DomainError("wildcards are not supported");
      if (!SEGMENT.test(segment)) throw new DomainError(`path segment "${segment}" contains characters not allowed in a URL path`);
    }
  }
  return { host, path: rawPath };
}

export function formatAppDomain(d: AppDomain): string {
  return d.host + d.path;
}

/** Normalised domain, or the reason it is invalid. For zod refinements and forms. */
export function normalizeAppDomain(input: string): { domain: string; host: string } | { problem: string } {
  try {
    const d = parseAppDomain(input);
    return { domain: formatAppDomain(d), host: d.host };
  } catch (e) {
    if (e instanceof DomainError) return { problem: e.message };
    throw e;
  }
}

/**
 * The host of an X-Forwarded-Host / Host value as applications are keyed: the first entry of a
 * list, lowercase, without port or trailing dot. Null when it is not a host name.
 */
export function requestHost(value: string): string | null {
  let host = value.split(",")[0].trim().toLowerCase();
  host = host.replace(/:\d{1,5}$/, "").replace(/\.$/, "");
  return hostProblem(host) === null ? host : null;
}

/** Whether an application path ("" or "/a/b") covers a request path: whole segments only. */
export function pathCovers(appPath: string, requestPath: string): boolean {
  if (appPath === "") return true;
  const p = requestPath.split(/[?#]/, 1)[0];
  return p === appPath || p.startsWith(appPath + "/");
}

/**
 * Of the applications on one host, the one whose path covers the request path, longest path
 * first ("host/api/v2" beats "host/api" beats "host"). Null when none covers it.
 */
export function pickAppForPath<T extends { domain: string }>(apps: readonly T[], requestPath: string): T | null {
  let best: { app: T; length: number } | null = null;
  for (const app of apps) {
    const slash = app.domain.indexOf("/");
    const appPath = slash === -1 ? "" : app.domain.slice(slash);
    if (pathCovers(appPath, requestPath) && (best === null || appPath.length > best.length)) {
      best = { app, length: appPath.length };
    }
  }
  return best?.app ?? null;
}

/**
 * The path of an X-Forwarded-Uri (or ?domain=) as the proxy will route it: query and fragment
 * dropped, repeated slashes merged, "." and ".." segments (also as %2e) resolved. Without this,
 * "/public/../admin" would be judged by the application on "host/public" while the proxy serves
 * "/admin".
 */
export function normalizeRequestPath(uri: string): string {
  let p = uri.split(/[?#]/, 1)[0];
  if (!p.startsWith("/")) p = `/${p}`;
  p = p.replace(/\/{2,}/g, "/");
  try {
    return new URL(p, "http://h").pathname;
  } catch {
    return p;
  }
}
