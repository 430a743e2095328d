import { expect } from "@playwright/test";

// The protective headers every page answers with (proxy.ts, lib/http/security-headers.ts): one
// check, for the dashboard's pages, the sign-in page and the one-time set-up page alike.

/** The nonce of a page's Content-Security-Policy. */
export function nonceOf(csp: string | undefined): string {
  const m = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "");
  expect(m, `a nonce in ${csp}`).not.toBeNull();
  return m![1];
}

/** A page's policy (with frame-ancestors 'none' and a nonce), X-Frame-Options DENY, nosniff and Referrer-Policy; returns the nonce. */
export function expectPagePolicy(headers: Record<string, string>, label: string): string {
  const csp = headers["content-security-policy"];
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "'strict-dynamic'"]) expect(csp, label).toContain(directive);
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("same-origin");
  // PUBLIC_URL is http here: no HSTS (a browser would then refuse the plain-HTTP dashboard).
  expect(headers["strict-transport-security"], label).toBeUndefined();
  return nonceOf(csp);
}
