import { describe, expect, it } from "vitest";
import { clientIp, ipInCidrs, parseCidrs } from "./client-ip";

const LOOPBACK = parseCidrs("127.0.0.0/8,::1/128");

describe("clientIp", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientIp("203.0.113.7", "198.51.100.1", LOOPBACK)).toBe("203.0.113.7");
    expect(clientIp("2001:db8::7", "198.51.100.1", LOOPBACK)).toBe("2001:db8::7");
  });

  it("takes the first X-Forwarded-For address from a trusted peer", () => {
    expect(clientIp("127.0.0.1", "198.51.100.1, 10.0.0.2, 127.0.0.1", LOOPBACK)).toBe("198.51.100.1");
    expect(clientIp("::1", "2001:db8::1", LOOPBACK)).toBe("2001:db8::1");
    expect(clientIp("127.0.0.1", ["198.51.100.9", "10.0.0.1"], LOOPBACK)).toBe("198.51.100.9");
  });

  it("uses the peer when a trusted proxy sends no usable X-Forwarded-For", () => {
    expect(clientIp("127.0.0.1", undefined, LOOPBACK)).toBe("127.0.0.1");
    expect(clientIp("127.0.0.1", "", LOOPBACK)).toBe("127.0.0.1");
    expect(clientIp("127.0.0.1", "not-an-ip, 198.51.100.1", LOOPBACK)).toBe("127.0.0.1");
    expect(clientIp("127.0.0.1", "198.51.100.1:443", LOOPBACK)).toBe("127.0.0.1");
  });

  it("reads an IPv4-mapped IPv6 peer as the IPv4 address, for display and for trust", () => {
    expect(clientIp("::ffff:203.0.113.7", "198.51.100.1", LOOPBACK)).toBe("203.0.113.7");
    expect(clientIp("::ffff:127.0.0.1", "198.51.100.1", LOOPBACK)).toBe("198.51.100.1");
    expect(clientIp("::FFFF:127.0.0.1", "198.51.100.1", LOOPBACK)).toBe("198.51.100.1");
  });

  it("answers unknown without a peer address", () => {
    expect(clientIp(undefined, "198.51.100.1", LOOPBACK)).toBe("unknown");
    expect(clientIp("", undefined, LOOPBACK)).toBe("unknown");
  });

  it("trusts nobody with an empty list", () => {
    expect(clientIp("127.0.0.1", "198.51.100.1", parseCidrs(""))).toBe("127.0.0.1");
  });
});

describe("ipInCidrs", () => {
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

describe("parseCidrs", () => {
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
