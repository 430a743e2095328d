// Reading what a request presents to /cdn-cgi/access/validate. Pure: header names are lowercase,
// each with every value the request carried (a repeated header is two values, never one joined
// string), so that "either header repeated" can be refused.

export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export type Credentials =
  | { kind: "none" }
  /** Something was sent but cannot be read: one header of the pair, a repeated header, bad JSON. */
  | { kind: "malformed"; clientId: string | null; problem: string }
  | { kind: "service_token"; clientId: string; clientSecret: string; via: "headers" | "single_header" }
  | { kind: "jwt"; jwt: string; via: "header" | "cookie" };

export const CLIENT_ID_HEADER = "cf-access-client-id";
export const CLIENT_SECRET_HEADER = "cf-access-client-secret";
export const TOKEN_HEADER = "cf-access-token";
export const COOKIE_NAME = "CF_Authorization";

/** Collects Node's rawHeaders ([name, value, name, value, ...]) into a lowercase multimap. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = map.get(name);
    if (list) list.push(rawHeaders[i + 1]);
    else map.set(name, [rawHeaders[i + 1]]);
  }
  return map;
}

/** The single value of a header, null when absent; "repeated" when sent more than once. */
function single(headers: HeaderMap, name: string): string | null | "repeated" {
  const values = headers.get(name);
  if (!values || values.length === 0) return null;
  return values.length === 1 ? values[0] : "repeated";
}

/** The value of cookie `name` in the Cookie header(s), or null. */
export function cookieValue(headers: HeaderMap, name: string): string | null {
  for (const header of headers.get("cookie") ?? []) {
    for (const part of header.split(";")) {
      const eq = part.indexOf("=");
      if (eq !== -1 && part.slice(0, eq).trim() === name) {
        const value = part.slice(eq + 1).trim();
        return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
      }
    }
  }
  return null;
}

function fromSingleHeader(value: string): Credentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { kind: "malformed", clientId: null, problem: "the single header is not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { kind: "malformed", clientId: null, problem: "the single header is not a JSON object" };
  }
  const id = (parsed as Record<string, unknown>)[CLIENT_ID_HEADER];
  const secret = (parsed as Record<string, unknown>)[CLIENT_SECRET_HEADER];
  const clientId = typeof id === "string" && id !== "" ? id : null;
  if (clientId === null || typeof secret !== "string" || secret === "") {
    return { kind: "malformed", clientId, problem: `the single header lacks "${CLIENT_ID_HEADER}" or "${CLIENT_SECRET_HEADER}"` };
  }
  return { kind: "service_token", clientId, clientSecret: secret, via: "single_header" };
}

/**
 * The credentials of a request, in this order: the application's single header (JSON with
 * lowercase keys) when it has one and the request carries it; the CF-Access-Client-Id /
 * CF-Access-Client-Secret pair; a JWT in cf-access-token, then in the CF_Authorization cookie.
 * `singleHeader` is the application's read_service_tokens_from_header, or null.
 */
export function readCredentials(headers: HeaderMap, singleHeader: string | null): Credentials {
  if (singleHeader) {
    const value = single(headers, singleHeader.toLowerCase());
    if (value === "repeated") return { kind: "malformed", clientId: null, problem: "the single header is repeated" };
    if (value !== null) return fromSingleHeader(value);
  }
  const id = single(headers, CLIENT_ID_HEADER);
  const secret = single(headers, CLIENT_SECRET_HEADER);
  if (id !== null || secret !== null) {
    const clientId = id === null || id === "repeated" ? null : id;
    if (id === "repeated" || secret === "repeated") return { kind: "malformed", clientId, problem: "a credential header is repeated" };
    if (id === null || secret === null || id === "" || secret === "") {
      return { kind: "malformed", clientId, problem: "both CF-Access-Client-Id and CF-Access-Client-Secret are required" };
    }
    return { kind: "service_token", clientId: id, clientSecret: secret, via: "headers" };
  }
  const token = single(headers, TOKEN_HEADER);
  if (token === "repeated") return { kind: "malformed", clientId: null, problem: "cf-access-token is repeated" };
  if (token) return { kind: "jwt", jwt: token, via: "header" };
  const cookie = cookieValue(headers, COOKIE_NAME);
  if (cookie) return { kind: "jwt", jwt: cookie, via: "cookie" };
  return { kind: "none" };
}
