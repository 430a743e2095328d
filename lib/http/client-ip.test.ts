import { describe, expect, it } from "vitest";
import { parseCidrList } from "../net/ip";
import { clientIp } from "./client-ip";

const parseCidrs = (list: string) => parseCidrList(list, "TRUSTED_PROXIES");
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
