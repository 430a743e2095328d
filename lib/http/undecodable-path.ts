// A page request whose path is not valid percent-encoding (`/service-tokens/%ED%A0%80`, `/%E0%A4%A`):
// Next cannot decode it and answers a bare "Internal Server Error" with status 500 (and a plain-text
// stack in the log). No page can have such an address, so the server entry answers it here, before
// Next, as the page that is not there: a 404. The REST API's own answer for it comes first
// (lib/api/pre-route.ts). Pure: no I/O.

export interface UndecodablePathAnswer {
  status: 404;
  headers: Record<string, string>;
  body: string;
}

const BODY = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Page not found · Gatepost</title>
<style>body{font:15px/1.5 system-ui,sans-serif;color:#18181b;background:#fafafa;display:grid;place-items:center;min-height:100vh;margin:0}main{text-align:center;padding:2rem}h1{font-size:1.125rem;margin:0 0 .25rem}p{color:#52525b;margin:0 0 1rem}a{color:#1d4ed8}</style>
</head><body><main><h1>Page not found</h1><p>This address is not one Gatepost can read.</p><a href="/">Go to the dashboard</a></main></body></html>
`;

/** No script, nothing to load: the strictest policy that still shows the page's own style. */
const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

/** The 404 for a path that does not decode, or null for every other request. */
export function undecodablePathAnswer(rawUrl: string | undefined): UndecodablePathAnswer | null {
  if (!rawUrl) return null;
  const pathname = rawUrl.split("?", 1)[0];
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 404, headers: { ...HEADERS }, body: BODY };
  }
}
