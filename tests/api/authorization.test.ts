import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsCan } from "../../lib/auth/permissions";
import { routes, type Route } from "../../lib/api/routes";
import { api, call, expectFailure, expectSuccess } from "./client";

// The authorisation matrix, generated from the route table: a route added to lib/api/routes.ts is
// covered here without anyone remembering to. Each route is called with a path that would succeed
// for the right caller, so a 401/403 can only come from the check under test.

type TokenName = keyof ReturnType<typeof api>["tokens"];

let ownTokenId: string;
let foreignTokenId: string;

/** The route's pattern with real values: our account, and a service token that exists. */
function concretePath(route: Route, opts: { accountId?: string; tokenId?: string } = {}): string {
  return route.pattern
    .replace(":account_id", opts.accountId ?? api().accountId)
    .replace(":id", opts.tokenId ?? ownTokenId);
}

/** A body the route accepts, so that only authorisation can refuse it. */
function validBody(route: Route): unknown {
  if (route.method === "POST" && route.pattern.endsWith("/service_tokens")) return { name: "matrix" };
  if (route.method === "PUT") return { name: "matrix" };
  return undefined;
}

const send = (route: Route, path: string, token: string | null) => call(route.method, path, { token, body: validBody(route) });

beforeAll(async () => {
  const own = expectSuccess(await call("POST", `/accounts/${api().accountId}/access/service_tokens`, { body: { name: "matrix-target" } }), 201);
  ownTokenId = own.result.id;
  const foreign = expectSuccess(
    await call("POST", `/accounts/${api().otherAccountId}/access/service_tokens`, { token: api().tokens.otherAccount, body: { name: "foreign" } }),
    201,
  );
  foreignTokenId = foreign.result.id;
});

afterAll(async () => {
  await call("DELETE", `/accounts/${api().otherAccountId}/access/service_tokens/${foreignTokenId}`, { token: api().tokens.otherAccount });
  await call("DELETE", `/accounts/${api().accountId}/access/service_tokens/${ownTokenId}`);
});

describe.each(routes.map((r) => [`${r.method} ${r.pattern}`, r] as const))("%s", (_, route) => {
  it("without credentials answers 401 9106", async () => {
    expectFailure(await send(route, concretePath(route), null), 401, 9106, "missing authorization header");
  });

  it.each([
    ["a malformed token", "not a token at all"],
    ["an unknown token", "A".repeat(40)],
    ["an expired token", "expired"],
    ["a revoked token", "revoked"],
  ])("with %s answers 401 9109", async (_, token) => {
    const value = token === "expired" || token === "revoked" ? api().tokens[token as TokenName] : token;
    expectFailure(await send(route, concretePath(route), value), 401, 9109, "invalid access token");
  });

  // Every token of the fixture that lacks the route's permission, derived from its permission groups.
  const lacking = (Object.keys(api().tokens) as TokenName[]).filter(
    (t) => route.permission !== null && !["expired", "revoked", "otherAccount"].includes(t) && !permissionsCan(api().permissions[t], route.permission),
  );
  if (lacking.length > 0) {
    it.each(lacking)("with a token lacking the permission (%s) answers 403 10000", async (t) => {
      expectFailure(await send(route, concretePath(route), api().tokens[t]), 403, 10000, "authentication error");
    });
  }

  const accountScoped = route.pattern.includes(":account_id");
  if (accountScoped) {
    it("with a token of another account answers 403 10000", async () => {
      // The other account's token on our account's path, and our token on the other account's path.
      expectFailure(await send(route, concretePath(route), api().tokens.otherAccount), 403, 10000);
      expectFailure(await send(route, concretePath(route, { accountId: api().otherAccountId, tokenId: foreignTokenId }), api().tokens.write), 403, 10000);
    });

    it("with a malformed account id answers 403 10000, like another account", async () => {
      for (const bad of ["not-hex", api().accountId.toUpperCase(), api().accountId.slice(1), `${api().accountId}0`]) {
        expectFailure(await send(route, concretePath(route, { accountId: bad }), api().tokens.write), 403, 10000);
      }
    });
  }

  const objectScoped = route.pattern.includes(":id");
  if (objectScoped) {
    it("on another account's object, an unknown or a malformed id answers 404 12135", async () => {
      for (const id of [foreignTokenId, randomUUID(), "not-a-uuid"]) {
        expectFailure(await send(route, concretePath(route, { tokenId: id }), api().tokens.write), 404, 12135, "access.api.error.not_found");
      }
    });
  }

  it("succeeds for every valid token of the account that holds the permission", async () => {
    const holders = (["write", "read", "unrelated"] as const).filter((t) => route.permission === null || permissionsCan(api().permissions[t], route.permission));
    expect(holders.length).toBeGreaterThan(0);
    for (const t of holders) {
      // Its own target each time: the DELETE route must not take the others' away.
      const target = objectScoped ? expectSuccess(await call("POST", `/accounts/${api().accountId}/access/service_tokens`, { body: { name: "matrix-ok" } }), 201).result.id : undefined;
      const res = await send(route, concretePath(route, { tokenId: target }), api().tokens[t]);
      expect(res.status, res.text).toBeLessThan(300);
      expectSuccess(res, res.status);
      if (target && route.method !== "DELETE") await call("DELETE", `/accounts/${api().accountId}/access/service_tokens/${target}`);
    }
  });
});

it("the matrix covers every route of the table, each method and pattern once", () => {
  const keys = routes.map((r) => `${r.method} ${r.pattern}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(routes.length).toBeGreaterThanOrEqual(9);
});
