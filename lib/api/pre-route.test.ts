import { describe, expect, it } from "vitest";
import { apiPreRouteAnswer } from "./pre-route";

// Requests under /client/v4 that Next would answer itself before the catch-all route (HTML, a
// redirect, even a 500) are answered here with v4 envelopes; everything else is left to Next.
// The running server's answers to the same requests: tests/api/pre-route.test.ts.

describe("apiPreRouteAnswer", () => {
  it.each([
    ["GET", "/client/v4/a%zz", 404, 7003],
    ["GET", "/client/v4/accounts/x/access/service_tokens/%C0%AF", 404, 7003],
    ["GET", "/client/v4", 404, 7003],
    ["GET", "/client/v4/", 404, 7003],
    ["GET", "/client/v4/accounts/?page=2", 404, 7003],
    ["GET", "/client/v4/accounts//access/service_tokens", 404, 7003],
    ["DELETE", "/client/v4/accounts/x/access/service_tokens/%2e%2e", 404, 7003],
    ["PUT", "/client/v4/accounts/x/access/service_tokens/..", 404, 7003],
    ["GET", "/client/v4/./accounts", 404, 7003],
    ["TRACE", "/client/v4/accounts", 405, 10405],
    ["PROPFIND", "/client/v4/accounts", 405, 10405],
  ])("%s %s is answered %i %i", (method, url, status, code) => {
    const a = apiPreRouteAnswer(method, url)!;
    expect(a.status).toBe(status);
    expect(a.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(a.body)).toEqual({ success: false, errors: [{ code, message: expect.any(String) }], messages: [], result: null });
  });

  it.each([
    ["GET", "/client/v4/accounts"],
    ["DELETE", "/client/v4/accounts/x/access/service_tokens/y?z=%zz"],
    ["OPTIONS", "/client/v4/user/tokens/verify"],
    ["TRACE", "/service-tokens"],
    ["GET", "/client/v40/x%zz"],
    ["GET", "/client/v4/accounts/x/access/service_tokens/...%2e"],
    ["GET", undefined],
  ])("leaves %s %s to Next", (method, url) => {
    expect(apiPreRouteAnswer(method, url)).toBeNull();
  });
});
