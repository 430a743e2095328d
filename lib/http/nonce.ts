import "server-only";
import { headers } from "next/headers";
import { NONCE_HEADER } from "./security-headers";

/**
 * This request's Content-Security-Policy nonce (proxy.ts), for an inline <script> of our own: a
 * script without it does not run. Reading it makes the page render per request, as every page
 * must for its scripts to carry the nonce (the root layout reads it for that reason).
 */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
