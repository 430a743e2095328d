// The headers that protect every page (the dashboard, sign-in, set-up, the 404 page), set by
// proxy.ts with a fresh nonce per request. Pure. X-Frame-Options, nosniff and Referrer-Policy are
// static and sent on every answer by next.config.ts; these depend on the request (the nonce) or on
// PUBLIC_URL, which the build cannot know.

/** The request header that carries the nonce to the page (lib/http/nonce.ts reads it). */
export const NONCE_HEADER = "x-nonce";

/** 16 random bytes, base64: a nonce-source of the policy. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS for a year; no includeSubDomains: other hosts of the domain are not ours to commit. */
const HSTS = "max-age=31536000";

/**
 * The Content-Security-Policy of a page. Scripts: only those carrying this request's nonce (Next
 * puts it on its own from the request's copy of this header) and what they load ('strict-dynamic').
 * Styles may be inline: React and Radix write `style` attributes, and a nonce would make browsers
 * ignore 'unsafe-inline'. Nothing may frame a page, load a plugin or change the base URL. Over
 * HTTPS, stray http:// references are upgraded; over plain HTTP (localhost, a LAN address) that
 * would break every asset, so it is left out.
 */
export function contentSecurityPolicy(opts: { nonce: string; https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The response headers of a page: the policy, and Strict-Transport-Security when PUBLIC_URL is https. */
export function pageSecurityHeaders(opts: { nonce: string; publicUrl: string; dev?: boolean }): Record<string, string> {
  const https = opts.publicUrl.startsWith("https:");
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce: opts.nonce, https, dev: opts.dev }),
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
