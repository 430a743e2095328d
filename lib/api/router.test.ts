import { describe, expect, it } from "vitest";
import { API_PREFIX } from "./paths";
import { apiPreRouteAnswer } from "./pre-route";
import { dispatch } from "./router";
import { routes } from "./routes";

// What the router answers before it asks who is calling: every path of the route table is found
// (without credentials: 401 9106, not a 404 or 405), any other path is 404 7003, a known path with
// another method is 405 10405 with Allow. None of these reaches the database.

const send = (method: string, path: string) => dispatch(new Request(`http://gatepost.test${path}`, { method }));

async function answer(res: Response) {
  return { status: res.status, allow: res.headers.get("allow"), body: (await res.json()) as { success: boolean; errors: { code: number; message: string }[]; result: unknown } };
}

/** A route's pattern under the prefix, each parameter a plausible value. */
const concrete = (pattern: string) => `${API_PREFIX}${pattern.replace(/:[a-z_]+/g, (p) => (p === ":account_id" ? "0".repeat(32) : "00000000-0000-4000-8000-000000000000"))}`;

describe("paths", () => {
  it("every route lives under /client/v4, as Cloudflare's do, and is left to the router by the pre-route check", () => {
    expect(API_PREFIX).toBe("/client/v4");
    for (const route of routes) {
      // Lowercase segments and digits (alerting/v3), parameters as :name.
      expect(route.pattern).toMatch(/^\/[a-z0-9_:]+(\/[a-z0-9_:]+)*$/);
      expect(apiPreRouteAnswer(route.method, concrete(route.pattern))).toBeNull();
    }
  });
});

describe("dispatch", () => {
  it.each(routes.map((r) => [r.method, r.pattern] as const))("finds %s %s and asks for credentials (401 9106)", async (method, pattern) => {
    const res = await answer(await send(method, concrete(pattern)));
    expect(res).toMatchObject({ status: 401, body: { success: false, errors: [{ code: 9106, message: "missing authorization header" }], result: null } });
  });

  it("answers HEAD like GET", async () => {
    expect((await send("HEAD", `${API_PREFIX}/accounts`)).status).toBe(401);
  });

  it.each([
    `${API_PREFIX}/nope`,
    `${API_PREFIX}/accounts/${"0".repeat(32)}/access/service_tokens/x/y/z`,
    `${API_PREFIX}/accounts/${"0".repeat(32)}/access/service_tokens/`,
    `${API_PREFIX}/accounts/`,
    `${API_PREFIX}/a%zz`,
    `${API_PREFIX}`,
    "/client/v40/accounts",
  ])("answers 404 7003 for %s, which names no route", async (path) => {
    expect(await answer(await send("GET", path))).toMatchObject({ status: 404, body: { errors: [{ code: 7003, message: "no route for the URI" }] } });
  });

  it("answers 405 10405 for a known path with another method, naming the methods it has", async () => {
    const collection = await answer(await send("PATCH", `${API_PREFIX}/accounts/${"0".repeat(32)}/access/service_tokens`));
    expect(collection).toMatchObject({ status: 405, allow: "GET, POST", body: { errors: [{ code: 10405, message: "method not allowed" }] } });
    const object = await answer(await send("POST", `${API_PREFIX}/accounts/${"0".repeat(32)}/access/apps/00000000-0000-4000-8000-000000000000`));
    expect(object).toMatchObject({ status: 405, allow: "GET, PUT, DELETE" });
    expect((await answer(await send("OPTIONS", `${API_PREFIX}/user/tokens/verify`))).allow).toBe("GET");
  });

  it("matches percent-encoded segments decoded, and prefers the literal segment over a parameter", async () => {
    // ":id/refresh" and ":id/rotate" are literals after a parameter: a POST to one is never a 405 of "/:id".
    expect((await send("POST", `${API_PREFIX}/accounts/${"0".repeat(32)}/access/service_tokens/x/refresh`)).status).toBe(401);
    expect((await send("POST", `${API_PREFIX}/accounts/${"0".repeat(32)}/access/keys/rotate`)).status).toBe(401);
    expect((await send("GET", `${API_PREFIX}/%61ccounts`)).status).toBe(401);
  });
});
