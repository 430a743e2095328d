import { describe, expect, it } from "vitest";
import { expectFailure, rawRequest } from "./client";

// Requests Next would answer itself before the catch-all route (HTML, redirects, even a 500) get v4
// envelopes from lib/api/pre-route.ts (its own cases: lib/api/pre-route.test.ts), which the server
// entry must consult first: here, the running server does.

describe("the running server answers what Next would mishandle", () => {
  it.each([
    ["GET", "/client/v4/a%zz", 404, 7003],
    ["DELETE", "/client/v4/accounts/x/access/service_tokens/%C0%AF", 404, 7003],
    ["GET", "/client/v4", 404, 7003],
    ["GET", "/client/v4/accounts/", 404, 7003],
    ["GET", "/client/v4/accounts//access/service_tokens", 404, 7003],
    ["DELETE", "/client/v4/accounts/x/access/service_tokens/%2e%2e", 404, 7003],
    ["TRACE", "/client/v4/accounts", 405, 10405],
    ["PROPFIND", "/client/v4/accounts", 405, 10405],
  ])("answers %s %s with %i %i", async (method, p, status, code) => {
    expectFailure(await rawRequest({ method, path: p }), status, code);
  });
});
