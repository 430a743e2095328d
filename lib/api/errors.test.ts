import { describe, expect, it } from "vitest";
import { AppError, invalid, notFound } from "../errors";
import { ApiError, internalErrorResponse, knownErrorResponse, loggableError } from "./errors";

// The one mapping from errors to v4 answers (README › REST API), checked for every AppError code, including
// those no service-token route produces today (409, 429).

async function wire(res: Response | null) {
  expect(res).not.toBeNull();
  return { status: res!.status, headers: Object.fromEntries(res!.headers), body: await res!.json() };
}

describe("knownErrorResponse", () => {
  it.each([
    [invalid("duration", "must be at least 1s"), 400, 10001, "invalid request: duration: must be at least 1s"],
    [new AppError("unauthenticated", "token expired yesterday"), 401, 9109, "invalid access token"],
    [new AppError("forbidden", "authentication error: your role does not allow this change"), 403, 10000, "authentication error"],
    [notFound("service token"), 404, 12135, "access.api.error.not_found"],
    [new AppError("conflict", "conflict: a policy is still attached"), 409, 11010, "conflict: a policy is still attached"],
    [new AppError("rate_limited", "slow down", { retryAfterSeconds: 30 }), 429, 10429, "rate limited"],
    [new ApiError(404, 7003, "no route for the URI"), 404, 7003, "no route for the URI"],
  ])("maps %s to %i %i", async (err, status, code, message) => {
    const res = await wire(knownErrorResponse(err));
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toEqual({ success: false, errors: [{ code, message }], messages: [], result: null });
  });

  it("tells the SDK not to retry a conflict, and when to retry a rate limit", async () => {
    expect((await wire(knownErrorResponse(new AppError("conflict", "duplicate")))).headers["x-should-retry"]).toBe("false");
    expect((await wire(knownErrorResponse(new AppError("conflict", "duplicate")))).body.errors[0].message).toBe("conflict: duplicate");
    expect((await wire(knownErrorResponse(new AppError("rate_limited", "x", { retryAfterSeconds: 12.2 })))).headers["retry-after"]).toBe("13");
    expect((await wire(knownErrorResponse(new AppError("rate_limited", "x")))).headers["retry-after"]).toBe("60");
  });

  it("leaves unknown errors to the caller, who answers a bare 500 10500", async () => {
    expect(knownErrorResponse(new Error("boom"))).toBeNull();
    expect(knownErrorResponse("a string")).toBeNull();
    const res = await wire(internalErrorResponse());
    expect(res).toMatchObject({ status: 500, body: { success: false, errors: [{ code: 10500, message: "internal error" }], result: null } });
  });

  it("logs of an unknown error keep its first line only, not the arguments a driver quotes", () => {
    const err = new Error("Invalid `prisma.serviceToken.create()` invocation:\n{ data: { secretHash: 'abc' } }");
    const logged = loggableError(err);
    expect(JSON.stringify(logged)).not.toContain("secretHash");
    expect(logged.message).toBe("Invalid `prisma.serviceToken.create()` invocation:");
  });
});
