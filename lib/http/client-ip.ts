import { ipInRanges, parseIp, type CidrRange } from "../net/ip";

// The client address as the rest of the app sees it: the peer, or the first X-Forwarded-For entry
// when the peer is a trusted proxy. The server entry sets CLIENT_IP_HEADER on every request,
// overwriting whatever a client sent under that name.

export const CLIENT_IP_HEADER = "x-gatepost-client-ip";

export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: readonly CidrRange[]): string {
  const remote = (peer ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!remote) return "unknown";
  if (!ipInRanges(remote, trusted)) return remote;
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = header?.split(",")[0]?.trim();
  return first && parseIp(first) ? first : remote;
}
