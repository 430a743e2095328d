import { describe, expect, it } from "vitest";
import { cookieValue, headerMap, readCredentials } from "./credentials";

const h = (...pairs: [string, string][]) => headerMap(pairs.flat());
const ID = "0123456789abcdef0123456789abcdef.access";

describe("readCredentials", () => {
  it("reads the header pair whatever the case of the names", () => {
    expect(readCredentials(h(["CF-Access-Client-Id", ID], ["cf-access-client-SECRET", "s"]), null)).toEqual({
      kind: "service_token",
      clientId: ID,
      clientSecret: "s",
      via: "headers",
    });
  });

  it("refuses one header of the pair, naming the client id when it was sent", () => {
    expect(readCredentials(h(["cf-access-client-id", ID]), null)).toMatchObject({ kind: "malformed", clientId: ID });
    expect(readCredentials(h(["cf-access-client-secret", "s"]), null)).toMatchObject({ kind: "malformed", clientId: null });
    expect(readCredentials(h(["cf-access-client-id", ""], ["cf-access-client-secret", "s"]), null)).toMatchObject({ kind: "malformed" });
  });

  it("refuses a repeated header of the pair instead of picking one", () => {
    const twice = h(["cf-access-client-id", ID], ["CF-Access-Client-Id", ID], ["cf-access-client-secret", "s"]);
    expect(readCredentials(twice, null)).toMatchObject({ kind: "malformed", problem: "a credential header is repeated" });
    const secretTwice = h(["cf-access-client-id", ID], ["cf-access-client-secret", "a"], ["cf-access-client-secret", "b"]);
    expect(readCredentials(secretTwice, null)).toMatchObject({ kind: "malformed" });
  });

  it("reads the application's single header first, as JSON with lowercase keys", () => {
    const json = JSON.stringify({ "cf-access-client-id": ID, "cf-access-client-secret": "s" });
    expect(readCredentials(h(["Authorization", json], ["cf-access-client-id", "other"], ["cf-access-client-secret", "x"]), "Authorization")).toEqual({
      kind: "service_token",
      clientId: ID,
      clientSecret: "s",
      via: "single_header",
    });
  });

  it("falls back to the pair when the single header is absent, and ignores it when the app has none", () => {
    const pair: [string, string][] = [["cf-access-client-id", ID], ["cf-access-client-secret", "s"]];
    expect(readCredentials(h(...pair), "authorization")).toMatchObject({ kind: "service_token", via: "headers" });
    const json = JSON.stringify({ "cf-access-client-id": ID, "cf-access-client-secret": "s" });
    expect(readCredentials(h(["authorization", json]), null)).toEqual({ kind: "none" });
  });

  it.each([
    ["not json", "Bearer abc"],
    ["an array", "[1]"],
    ["missing secret", JSON.stringify({ "cf-access-client-id": ID })],
    ["uppercase keys", JSON.stringify({ "CF-Access-Client-Id": ID, "CF-Access-Client-Secret": "s" })],
    ["a number secret", JSON.stringify({ "cf-access-client-id": ID, "cf-access-client-secret": 5 })],
  ])("refuses a single header that is %s", (_label, value) => {
    expect(readCredentials(h(["authorization", value]), "Authorization").kind).toBe("malformed");
  });

  it("reads a JWT from cf-access-token before the CF_Authorization cookie", () => {
    expect(readCredentials(h(["cf-access-token", "a.b.c"], ["cookie", "CF_Authorization=x.y.z"]), null)).toEqual({ kind: "jwt", jwt: "a.b.c", via: "header" });
    expect(readCredentials(h(["cookie", "theme=dark; CF_Authorization=x.y.z"]), null)).toEqual({ kind: "jwt", jwt: "x.y.z", via: "cookie" });
  });

  it("prefers service-token headers over a JWT", () => {
    expect(readCredentials(h(["cookie", "CF_Authorization=x.y.z"], ["cf-access-client-id", ID], ["cf-access-client-secret", "s"]), null).kind).toBe("service_token");
  });

  it("answers none for a request without credentials", () => {
    expect(readCredentials(h(["cookie", "other=1"], ["user-agent", "curl"]), null)).toEqual({ kind: "none" });
  });
});

describe("cookieValue", () => {
  it("finds the cookie in any Cookie header and unquotes it", () => {
    expect(cookieValue(h(["cookie", "a=1"], ["cookie", 'CF_Authorization="q.r.s"']), "CF_Authorization")).toBe("q.r.s");
    expect(cookieValue(h(["cookie", "XCF_Authorization=1"]), "CF_Authorization")).toBeNull();
  });
});
