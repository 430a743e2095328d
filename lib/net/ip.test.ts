import { describe, expect, it } from "vitest";
import { cidrContains, ipInRanges, parseCidr, parseCidrList, parseIp } from "./ip";

const parseCidrs = (list: string) => parseCidrList(list, "TRUSTED_PROXIES");
const ipInCidrs = ipInRanges;
const LOOPBACK = parseCidrs("127.0.0.0/8,::1/128");

describe("ipInRanges", () => {
  it("matches IPv4 prefixes at their exact boundaries", () => {
    const cidrs = parseCidrs("10.0.0.0/8,192.168.1.128/25");
    expect(ipInCidrs("10.255.255.255", cidrs)).toBe(true);
    expect(ipInCidrs("11.0.0.0", cidrs)).toBe(false);
    expect(ipInCidrs("9.255.255.255", cidrs)).toBe(false);
    expect(ipInCidrs("192.168.1.128", cidrs)).toBe(true);
    expect(ipInCidrs("192.168.1.255", cidrs)).toBe(true);
    expect(ipInCidrs("192.168.1.127", cidrs)).toBe(false);
  });

  it("matches IPv6 prefixes, including compressed forms", () => {
    const cidrs = parseCidrs("2001:db8::/32,fd00::/8,::1/128");
    expect(ipInCidrs("2001:db8:ffff::1", cidrs)).toBe(true);
    expect(ipInCidrs("2001:db9::1", cidrs)).toBe(false);
    expect(ipInCidrs("fdab:cdef::1", cidrs)).toBe(true);
    expect(ipInCidrs("fe00::1", cidrs)).toBe(false);
    expect(ipInCidrs("::1", cidrs)).toBe(true);
    expect(ipInCidrs("0:0:0:0:0:0:0:1", cidrs)).toBe(true);
    expect(ipInCidrs("::2", cidrs)).toBe(false);
  });

  it("never matches an IPv4 address against an IPv6 prefix or the other way round", () => {
    expect(ipInCidrs("127.0.0.1", parseCidrs("::/0"))).toBe(false);
    expect(ipInCidrs("::1", parseCidrs("0.0.0.0/0"))).toBe(false);
  });

  it("matches an IPv4-mapped address against IPv4 prefixes", () => {
    expect(ipInCidrs("::ffff:10.1.2.3", parseCidrs("10.0.0.0/8"))).toBe(true);
  });

  it("is false for something that is not an address", () => {
    expect(ipInCidrs("localhost", LOOPBACK)).toBe(false);
    expect(ipInCidrs("", LOOPBACK)).toBe(false);
  });
});

describe("parseCidrList", () => {
  it("reads addresses alone as single hosts and ignores blanks", () => {
    const cidrs = parseCidrs(" 10.0.0.1 , ,::1 ");
    expect(cidrs).toHaveLength(2);
    expect(cidrs.map((c) => c.bits)).toEqual([32, 128]);
    expect(ipInCidrs("10.0.0.1", cidrs)).toBe(true);
    expect(ipInCidrs("10.0.0.2", cidrs)).toBe(false);
  });

  it("accepts /0 when it is written out", () => {
    expect(ipInCidrs("203.0.113.1", parseCidrs("0.0.0.0/0"))).toBe(true);
  });

  it.each(["10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.0/8.5", "10.0.0/8", "example.com", "10.0.0.0/8/9", "300.0.0.0/8"])(
    "refuses %j, naming TRUSTED_PROXIES",
    (entry) => {
      expect(() => parseCidrs(entry)).toThrow(/invalid CIDR in TRUSTED_PROXIES/);
    },
  );

  it.each(["10.0.0.0/", "10.0.0.0/ ", "10.0.0.0/0x8", "10.0.0.0/1e1", "10.0.0.0/+8"])(
    "refuses the malformed prefix length %j instead of reading it as another number",
    (entry) => {
      expect(() => parseCidrs(entry)).toThrow(/invalid CIDR in TRUSTED_PROXIES/);
    },
  );
});

describe("IP parsing", () => {
  it.each([
    ["192.0.2.1", 4, [192, 0, 2, 1]],
    ["::1", 6, [...Array(15).fill(0), 1]],
    ["::", 6, Array(16).fill(0)],
    ["2001:db8::8a2e:370:7334", 6, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34]],
    ["::ffff:192.0.2.1", 4, [192, 0, 2, 1]],
    ["64:ff9b::192.0.2.1", 6, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1]],
  ])("%s", (text, version, bytes) => {
    expect(parseIp(text)).toEqual({ version, bytes });
  });

  it.each(["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "g::1", "::1.2.3", "fe80::1%eth0"])(
    "rejects %j",
    (text) => {
      expect(parseIp(text)).toBeNull();
    },
  );

  it("matches addresses against ranges", () => {
    const v4 = parseCidr("192.0.2.0/24")!;
    expect(cidrContains(v4, parseIp("192.0.2.200")!)).toBe(true);
    expect(cidrContains(v4, parseIp("192.0.3.1")!)).toBe(false);
    expect(cidrContains(v4, parseIp("::ffff:192.0.2.7")!)).toBe(true);
    expect(cidrContains(parseCidr("10.0.0.0/9")!, parseIp("10.127.255.255")!)).toBe(true);
    expect(cidrContains(parseCidr("10.0.0.0/9")!, parseIp("10.128.0.0")!)).toBe(false);
    expect(cidrContains(parseCidr("0.0.0.0/0")!, parseIp("203.0.113.9")!)).toBe(true);
    expect(cidrContains(parseCidr("203.0.113.9")!, parseIp("203.0.113.9")!)).toBe(true);
    expect(cidrContains(parseCidr("203.0.113.9")!, parseIp("203.0.113.8")!)).toBe(false);
    const v6 = parseCidr("2001:db8::/32")!;
    expect(cidrContains(v6, parseIp("2001:db8:ffff::1")!)).toBe(true);
    expect(cidrContains(v6, parseIp("2001:db9::1")!)).toBe(false);
    expect(cidrContains(v6, parseIp("192.0.2.1")!)).toBe(false);
  });
});
