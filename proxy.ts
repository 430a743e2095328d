import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { NONCE_HEADER, newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Every page (the dashboard, sign-in, set-up, the 404 page): a Content-Security-Policy with a nonce
// of its own, and HSTS when PUBLIC_URL is https (lib/http/security-headers.ts). Next reads the
// policy from the request to put the nonce on its scripts; the browser enforces the response's.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = pageSecurityHeaders({ nonce, publicUrl: getEnv().publicUrl, dev: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Pages only. The REST API (/client/v4), next-auth (/api) and the validation endpoint (/cdn-cgi,
// which server.ts answers before Next) are JSON and must not pay for this; static files carry no
// script of their own; a prefetch is not a document.
export const config = {
  matcher: [
    {
      source: "/((?!client/v4|cdn-cgi|api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
