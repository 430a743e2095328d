import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, pageSecurityHeaders } from "./security-headers";

describe("page security headers", () => {
  it("a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("scripts only with the nonce; no framing, plugins or base changes", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false });
    const directives = Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(directives).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-abc' 'strict-dynamic'",
      "object-src": "'none'",
      "base-uri": "'self'",
      "frame-ancestors": "'none'",
      "form-action": "'self'",
    });
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("HSTS and upgrade-insecure-requests only when PUBLIC_URL is https", () => {
    const plain = pageSecurityHeaders({ nonce: "n", publicUrl: "http://10.0.0.5:3000" });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    const tls = pageSecurityHeaders({ nonce: "n", publicUrl: "https://gatepost.example.com" });
    expect(tls["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(tls["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("eval only in development (React's debugging needs it)", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false, dev: true })).toContain("'unsafe-eval'");
  });
});
