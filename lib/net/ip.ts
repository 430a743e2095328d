// IP addresses and CIDR ranges: the one implementation, used by policy rules ({"ip":{"ip":...}}),
// TRUSTED_PROXIES and the validation endpoint. Pure (no node:*), so the dashboard's forms use it too.

export interface IpAddress {
  version: 4 | 6;
  bytes: number[];
}
export interface CidrRange extends IpAddress {
  bits: number;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let text = s;
  let tail: number[] = [];
  if (s.includes(".")) {
    // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
    const colon = s.lastIndexOf(":");
    const v4 = colon === -1 ? null : parseIpv4(s.slice(colon + 1));
    if (!v4) return null;
    tail = v4;
    text = s.slice(0, colon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const wanted = tail.length > 0 ? 6 : 8;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== wanted : given >= wanted) return null;
  const bytes: number[] = [];
  for (const g of [...head, ...Array<string>(wanted - given).fill("0"), ...rest]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return [...bytes, ...tail];
}

/** An IPv4 or IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) is reported as IPv4. */
export function parseIp(s: string): IpAddress | null {
  const v4 = parseIpv4(s);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIpv6(s);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { version: 4, bytes: v6.slice(12) } : { version: 6, bytes: v6 };
}

/** "192.0.2.0/24", "2001:db8::/32", or a bare address (a range of one). */
export function parseCidr(s: string): CidrRange | null {
  const [addr, bitsText, extra] = s.split("/");
  if (extra !== undefined) return null;
  const v4 = parseIpv4(addr);
  const v6 = v4 ? null : parseIpv6(addr);
  const ip: IpAddress | null = v4 ? { version: 4, bytes: v4 } : v6 ? { version: 6, bytes: v6 } : null;
  if (!ip) return null;
  const max = ip.bytes.length * 8;
  if (bitsText === undefined) return { ...ip, bits: max };
  if (!/^(?:0|[1-9]\d{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  return bits <= max ? { ...ip, bits } : null;
}

/** Whether `ip` lies in `range`. Addresses of the other family never match. */
export function cidrContains(range: CidrRange, ip: IpAddress): boolean {
  if (range.version !== ip.version) return false;
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((range.bytes[bit / 8] & mask) !== (ip.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

/** A comma-separated list of CIDR ranges or addresses (blanks ignored); throws naming the entry. */
export function parseCidrList(list: string, what: string): CidrRange[] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const range = parseCidr(entry);
      if (!range) throw new Error(`invalid CIDR in ${what}: ${entry}`);
      return range;
    });
}

/** Whether the address `ip` (text) lies in any of `ranges`; false when it is not an address. */
export function ipInRanges(ip: string, ranges: readonly CidrRange[]): boolean {
  const addr = parseIp(ip);
  return addr !== null && ranges.some((r) => cidrContains(r, addr));
}

const LOOPBACK = parseCidrList("127.0.0.0/8,::1/128", "loopback");

/** 127.0.0.0/8 or ::1. */
export function isLoopback(ip: string): boolean {
  return ipInRanges(ip, LOOPBACK);
}
