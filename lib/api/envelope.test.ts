import { describe, expect, it } from "vitest";
import { failureBody, failureResponse, resultInfo, successBody, successResponse } from "./envelope";

// The v4 envelope every API answer goes through (README › REST API): always JSON, always the four
// keys, result_info only on lists, never a 204.

describe("envelope", () => {
  it("puts result_info only on lists, with total_pages 0 for nothing", () => {
    expect(successBody({ a: 1 })).toEqual({ success: true, errors: [], messages: [], result: { a: 1 } });
    expect(resultInfo(1, 50, 0, 0)).toEqual({ page: 1, per_page: 50, count: 0, total_count: 0, total_pages: 0 });
    expect(resultInfo(3, 50, 20, 120).total_pages).toBe(3);
  });

  it("rounds total_pages up and keeps the page asked for, even past the end", () => {
    expect(resultInfo(1, 50, 50, 101).total_pages).toBe(3);
    expect(resultInfo(1, 1000, 1, 1).total_pages).toBe(1);
    expect(resultInfo(7, 2, 0, 3)).toEqual({ page: 7, per_page: 2, count: 0, total_count: 3, total_pages: 2 });
  });

  it("has result_info exactly when one is given", () => {
    expect(Object.keys(successBody(null))).toEqual(["success", "errors", "messages", "result"]);
    expect(successBody([], resultInfo(1, 50, 0, 0))).toEqual({
      success: true, errors: [], messages: [], result: [], result_info: { page: 1, per_page: 50, count: 0, total_count: 0, total_pages: 0 },
    });
  });

  it("a failure carries one error and a null result", () => {
    expect(failureBody(10001, "invalid request: name: required")).toEqual({
      success: false, errors: [{ code: 10001, message: "invalid request: name: required" }], messages: [], result: null,
    });
  });
});

describe("responses", () => {
  it("answer JSON with the status asked for, 200 by default, and a body even for a null result", async () => {
    const ok = successResponse(null);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await ok.json()).toEqual({ success: true, errors: [], messages: [], result: null });

    const accepted = successResponse(null, { status: 202 });
    expect(accepted.status).toBe(202);
    expect(await accepted.text()).not.toBe("");
  });

  it("add the headers given without losing the content type", async () => {
    const res = successResponse({ secret: "x" }, { headers: { "cache-control": "no-store" }, resultInfo: resultInfo(2, 10, 1, 11) });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await res.json()).result_info).toEqual({ page: 2, per_page: 10, count: 1, total_count: 11, total_pages: 2 });

    const refused = failureResponse(405, 10405, "method not allowed", { allow: "GET, POST" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, POST");
    expect(await refused.json()).toEqual(failureBody(10405, "method not allowed"));
  });
});
