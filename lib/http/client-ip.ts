import { isIP } from "node:net";

// The client address as the rest of the app sees it: the peer, or the first X-Forwarded-For entry
// when the peer is a trusted proxy. The server entry sets CLIENT_IP_HEADER on every request,
// overwriting whatever a client sent under that name.

export const CLIENT_IP_HEADER = "x-gatepost-client-ip";

type Cidr = { bytes: Buffer; bits: number };

function toBytes(ip: string): Buffer | null {
  const v = isIP(ip);
  if (v === 4) return Buffer.from(ip.split(".").map(Number));
  if (v !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return toBytes(mapped[1]);
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  const buf = Buffer.alloc(16);
  groups.forEach((g, i) => buf.writeUInt16BE(parseInt(g, 16), i * 2));
  return buf;
}

export function parseCidrs(list: string): Cidr[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [ip, bitsText, ...extra] = entry.split("/");
      const bytes = toBytes(ip);
      if (!bytes || extra.length > 0) throw new Error(`invalid CIDR in TRUSTED_PROXIES: ${entry}`);
      // Digits only: Number("") is 0, and "10.0.0.0/" must not become 10.0.0.0/0 (trust everyone).
      const bits = bitsText === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
      if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8) throw new Error(`invalid CIDR in TRUSTED_PROXIES: ${entry}`);
      return { bytes, bits };
    });
}

export function ipInCidrs(ip: string, cidrs: Cidr[]): boolean {
  const addr = toBytes(ip);
  if (!addr) return false;
  return cidrs.some(({ bytes, bits }) => {
    if (bytes.length !== addr.length) return false;
    for (let i = 0; i < bits; i++) {
      const mask = 0x80 >> i % 8;
      if ((bytes[i >> 3] & mask) !== (addr[i >> 3] & mask)) return false;
    }
    return true;
  });
}

export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: Cidr[]): string {
  const remote = (peer ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!remote) return "unknown";
  if (!ipInCidrs(remote, trusted)) return remote;
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = header?.split(",")[0]?.trim();
  return first && isIP(first) ? first : remote;
}
