import { describe, expect, it } from "vitest";
import { normalizeAppDomain, parseAppDomain, pathCovers, pickAppForPath, requestHost } from "./domain";

describe("parseAppDomain", () => {
  it.each([
    ["app.example.com", "app.example.com", ""],
    ["App.Example.COM", "app.example.com", ""],
    ["  app.example.com  ", "app.example.com", ""],
    ["app.example.com/", "app.example.com", ""],
    ["app.example.com/api", "app.example.com", "/api"],
    ["app.example.com/api/v2/", "app.example.com", "/api/v2"],
    ["app.example.com/Admin", "app.example.com", "/Admin"],
    ["localhost", "localhost", ""],
    ["127.0.0.1/x", "127.0.0.1", "/x"],
    ["a-b.example.com/%7Euser/x_y.z", "a-b.example.com", "/%7Euser/x_y.z"],
  ])("accepts %j as host %j, path %j (path case kept)", (input, host, path) => {
    expect(parseAppDomain(input)).toEqual({ host, path });
  });

  it.each([
    ["", "must not be empty"],
    ["https://app.example.com", "without a scheme"],
    ["app.example.com:8443", "must not include a port"],
    ["*.example.com", "wildcards are not supported"],
    ["app.example.com/api/*", "wildcards are not supported"],
    ["app.example.com/a?b=1", "query"],
    ["app.example.com/a#top", "fragment"],
    ["app example.com", "spaces"],
    ["-app.example.com", "not a valid host name"],
    ["app-.example.com", "not a valid host name"],
    ["app..example.com", "not a valid host name"],
    ["app_1.example.com", "not a valid host name"],
    ["app.example.com.", "not a valid host name"],
    [`${"a".repeat(64)}.example.com`, "not a valid host name"],
    [`${"abcdefghi.".repeat(26)}com`, "at most 253"],
    ["app.example.com//api", "empty segments"],
    ["app.example.com/a/../b", '".."'],
    ["app.example.com/a/<b>", "not allowed in a URL path"],
    [`app.example.com/${"a".repeat(600)}`, "at most 512"],
  ])("rejects %j (%s)", (input, reason) => {
    const result = normalizeAppDomain(input);
    expect(result).toHaveProperty("problem");
    expect((result as { problem: string }).problem).toContain(reason);
  });

  it("normalizes to the stored form and reports the host separately", () => {
    expect(normalizeAppDomain("APP.example.com/Api/")).toEqual({ domain: "app.example.com/Api", host: "app.example.com" });
  });
});

describe("requestHost", () => {
  it.each([
    ["app.example.com", "app.example.com"],
    ["APP.Example.com:8443", "app.example.com"],
    ["app.example.com.", "app.example.com"],
    ["app.example.com, proxy.internal", "app.example.com"],
    ["", null],
    ["bad host", null],
    ["[::1]:80", null],
  ])("%j → %j", (value, host) => {
    expect(requestHost(value)).toBe(host);
  });
});

describe("pathCovers", () => {
  it("matches whole path segments only", () => {
    expect(pathCovers("", "/anything")).toBe(true);
    expect(pathCovers("/api", "/api")).toBe(true);
    expect(pathCovers("/api", "/api/")).toBe(true);
    expect(pathCovers("/api", "/api/users?x=1")).toBe(true);
    expect(pathCovers("/api", "/api?x=1")).toBe(true);
    expect(pathCovers("/api", "/apix")).toBe(false);
    expect(pathCovers("/api", "/")).toBe(false);
    expect(pathCovers("/api", "/API")).toBe(false);
  });
});

describe("pickAppForPath", () => {
  const apps = [{ domain: "h.example" }, { domain: "h.example/api" }, { domain: "h.example/api/v2" }];
  it("prefers the longest covering path", () => {
    expect(pickAppForPath(apps, "/api/v2/users")?.domain).toBe("h.example/api/v2");
    expect(pickAppForPath(apps, "/api/v1")?.domain).toBe("h.example/api");
    expect(pickAppForPath(apps, "/other")?.domain).toBe("h.example");
  });
  it("returns null when no application covers the path", () => {
    expect(pickAppForPath([{ domain: "h.example/api" }], "/web")).toBeNull();
    expect(pickAppForPath([], "/")).toBeNull();
  });
});
