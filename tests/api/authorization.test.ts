import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsCan } from "../../lib/auth/permissions";
import { routes, type Route } from "../../lib/api/routes";
import { api, call, expectFailure, expectSuccess } from "./client";
import { insertApiToken } from "../harness/server-fixtures";

// The authorisation matrix, generated from the route table: a route added to lib/api/routes.ts is
// covered here without anyone remembering to. Each route is called with a path that would succeed
// for the right caller, so a 401/403 can only come from the check under test.

// The global fixture's tokens hold the service-token and notification groups; the Access routes
// need these too. Written into the database like the fixture's own (see server.ts insertApiToken).
const EXTRA_PERMISSIONS = {
  appsWrite: ["Access: Apps and Policies Write"],
  appsRead: ["Access: Apps and Policies Read"],
  auditRead: ["Access: Audit Logs Read"],
  notificationsWrite: ["Notifications Write"],
} satisfies Record<string, string[]>;
type ExtraName = keyof typeof EXTRA_PERMISSIONS;
type FixtureName = keyof ReturnType<typeof api>["tokens"];
type TokenName = FixtureName | ExtraName;

/** Valid tokens of the account, by name, with their permission groups (known before any test runs). */
const holderNames = (): TokenName[] => ["write", "read", "unrelated", ...(Object.keys(EXTRA_PERMISSIONS) as ExtraName[])];
const permissionsOf = (t: TokenName): string[] => (t in EXTRA_PERMISSIONS ? EXTRA_PERMISSIONS[t as ExtraName] : api().permissions[t]);

const extraTokens = {} as Record<ExtraName, string>;
/** A token of the other account holding every group: refused there only because of the account. */
let otherAccountAll: string;
const tokenValue = (t: TokenName) => (t in EXTRA_PERMISSIONS ? extraTokens[t as ExtraName] : api().tokens[t as FixtureName]);

/** The objects each object route's id may name: ours, and the other account's. */
type ObjectParam = "id" | "app_id" | "policy_id" | "alert_policy_id" | "webhook_id";
const own = {} as Record<ObjectParam, string>;
const foreign = {} as Record<ObjectParam, string>;

const objectParam = (route: Route): ObjectParam | null => {
  const m = /:(id|app_id|policy_id|alert_policy_id|webhook_id)(?:\/|$)/.exec(route.pattern);
  return m ? (m[1] as ObjectParam) : null;
};

/** The route's pattern with real values: our account, and objects that exist. */
function concretePath(route: Route, opts: { accountId?: string; objectId?: string } = {}): string {
  const param = objectParam(route);
  const path = route.pattern.replace(":account_id", opts.accountId ?? api().accountId);
  return param ? path.replace(`:${param}`, opts.objectId ?? own[param]) : path;
}

const uniqueDomain = () => `m-${randomBytes(5).toString("hex")}.matrix.example.com`;
const policyBody = { name: "matrix", decision: "non_identity", include: [{ any_valid_service_token: {} }] };
// No recipients: the server's scanner has nothing to deliver for these.
const alertPolicyBody = { alert_type: "expiring_service_token_alert", name: "matrix", enabled: false, mechanisms: {} };
const webhookBody = { name: "matrix", url: "https://hooks.example.test/matrix" };

/** A body the route accepts, so that only authorisation can refuse it. A fresh domain each time: domains are unique. */
function validBody(route: Route): unknown {
  if (route.method !== "POST" && route.method !== "PUT") return undefined;
  if (/\/service_tokens(\/:id)?$/.test(route.pattern)) return { name: "matrix" };
  if (/\/apps(\/:app_id)?$/.test(route.pattern)) return { name: "matrix", domain: uniqueDomain() };
  if (/\/access\/policies(\/:policy_id)?$/.test(route.pattern)) return policyBody;
  if (/\/alerting\/v3\/policies(\/:alert_policy_id)?$/.test(route.pattern)) return alertPolicyBody;
  if (/\/webhooks(\/:webhook_id)?$/.test(route.pattern)) return webhookBody;
  if (route.pattern.endsWith("/keys") && route.method === "PUT") return { key_rotation_interval_days: 42 };
  return undefined;
}

const send = (route: Route, path: string, token: string | null) => call(route.method, path, { token, body: validBody(route) });

/** Where each kind of object is created, with what body and which token (by default). */
const OBJECTS: Record<ObjectParam, { collection: string; body: Record<string, unknown>; token: () => string }> = {
  id: { collection: "/access/service_tokens", body: {}, token: () => api().tokens.write },
  app_id: { collection: "/access/apps", body: {}, token: () => extraTokens.appsWrite },
  policy_id: { collection: "/access/policies", body: policyBody, token: () => extraTokens.appsWrite },
  alert_policy_id: { collection: "/alerting/v3/policies", body: alertPolicyBody, token: () => extraTokens.notificationsWrite },
  webhook_id: { collection: "/alerting/v3/destinations/webhooks", body: webhookBody, token: () => extraTokens.notificationsWrite },
};

/** Makes an object for an object route, in our account (or, with `token` and `accountId`, another one). */
async function makeObject(param: ObjectParam, opts: { token?: string; accountId?: string; name?: string } = {}): Promise<string> {
  const accountId = opts.accountId ?? api().accountId;
  const name = opts.name ?? "matrix-target";
  const o = OBJECTS[param];
  const body = { ...o.body, name, ...(param === "app_id" ? { domain: uniqueDomain() } : {}) };
  return expectSuccess(await call("POST", `/accounts/${accountId}${o.collection}`, { token: opts.token ?? o.token(), body }), 201).result.id;
}

async function deleteObject(param: ObjectParam, id: string, opts: { token?: string; accountId?: string } = {}) {
  const accountId = opts.accountId ?? api().accountId;
  const o = OBJECTS[param];
  await call("DELETE", `/accounts/${accountId}${o.collection}/${id}`, { token: opts.token ?? o.token() });
}

const PARAMS = Object.keys(OBJECTS) as ObjectParam[];

beforeAll(async () => {
  const db = api().databaseUrl;
  for (const [name, permissions] of Object.entries(EXTRA_PERMISSIONS)) {
    extraTokens[name as ExtraName] = await insertApiToken(db, { accountId: api().accountId, name: `matrix-${name}`, permissions });
  }
  otherAccountAll = await insertApiToken(db, {
    accountId: api().otherAccountId,
    name: "matrix-other-all",
    permissions: ["Access: Service Tokens Write", "Access: Apps and Policies Write", "Access: Audit Logs Read", "Notifications Write"],
  });
  for (const p of PARAMS) {
    own[p] = await makeObject(p);
    foreign[p] = await makeObject(p, { token: otherAccountAll, accountId: api().otherAccountId, name: "foreign" });
  }
});

afterAll(async () => {
  for (const p of PARAMS) {
    await deleteObject(p, foreign[p], { token: otherAccountAll, accountId: api().otherAccountId });
    await deleteObject(p, own[p]);
  }
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
    const value = token === "expired" || token === "revoked" ? api().tokens[token as FixtureName] : token;
    expectFailure(await send(route, concretePath(route), value), 401, 9109, "invalid access token");
  });

  // Every valid token of the account that lacks the route's permission, derived from its permission groups.
  const lacking = holderNames().filter((t) => route.permission !== null && !permissionsCan(permissionsOf(t), route.permission));
  if (lacking.length > 0) {
    it.each(lacking)("with a token lacking the permission (%s) answers 403 10000", async (t) => {
      expectFailure(await send(route, concretePath(route), tokenValue(t)), 403, 10000, "authentication error");
    });
  }

  const accountScoped = route.pattern.includes(":account_id");
  const param = objectParam(route);
  if (accountScoped) {
    it("with a token of another account answers 403 10000", async () => {
      // The other account's tokens on our account's path (one of them holds every permission),
      // and our token on the other account's path.
      expectFailure(await send(route, concretePath(route), api().tokens.otherAccount), 403, 10000);
      expectFailure(await send(route, concretePath(route), otherAccountAll), 403, 10000);
      const foreignPath = concretePath(route, { accountId: api().otherAccountId, objectId: param ? foreign[param] : undefined });
      for (const t of holderNames().filter((t) => route.permission === null || permissionsCan(permissionsOf(t), route.permission))) {
        expectFailure(await send(route, foreignPath, tokenValue(t)), 403, 10000);
      }
    });

    it("with a malformed account id answers 403 10000, like another account", async () => {
      for (const bad of ["not-hex", api().accountId.toUpperCase(), api().accountId.slice(1), `${api().accountId}0`]) {
        expectFailure(await send(route, concretePath(route, { accountId: bad }), api().tokens.write), 403, 10000);
      }
    });
  }

  if (param) {
    it("on another account's object, an unknown or a malformed id answers 404 12135", async () => {
      const holder = holderNames().find((t) => permissionsCan(permissionsOf(t), route.permission!))!;
      for (const id of [foreign[param], randomUUID(), "not-a-uuid"]) {
        expectFailure(await send(route, concretePath(route, { objectId: id }), tokenValue(holder)), 404, 12135, "access.api.error.not_found");
      }
    });
  }

  // The object a collection's POST creates.
  const created = route.method === "POST" ? (PARAMS.find((p) => route.pattern.endsWith(OBJECTS[p].collection)) ?? null) : null;
  it("succeeds for every valid token of the account that holds the permission", async () => {
    const holders = holderNames().filter((t) => route.permission === null || permissionsCan(permissionsOf(t), route.permission));
    expect(holders.length).toBeGreaterThan(0);
    for (const t of holders) {
      // Its own target each time: the DELETE route must not take the others' away.
      const target = param ? await makeObject(param, { name: "matrix-ok" }) : undefined;
      const res = await send(route, concretePath(route, { objectId: target }), tokenValue(t));
      expect(res.status, res.text).toBeLessThan(300);
      expectSuccess(res, res.status);
      if (param && target && route.method !== "DELETE") await deleteObject(param, target);
      // A created object goes too, so that the matrix leaves the account as it found it.
      if (created) await deleteObject(created, res.json.result.id);
    }
  });
});

it("the matrix covers every route of the table, each method and pattern once", () => {
  const keys = routes.map((r) => `${r.method} ${r.pattern}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(routes.length).toBeGreaterThanOrEqual(36);
});

it("the alerting routes need Notifications Read or Write, as the README's API compatibility table says", () => {
  const permissionOf = (method: string, suffix: string) => routes.find((r) => r.method === method && r.pattern === `/accounts/:account_id/alerting/v3${suffix}`)?.permission;
  const expected: [string, string, string][] = [
    ["GET", "/policies", "notifications:read"], ["POST", "/policies", "notifications:write"], ["GET", "/policies/:alert_policy_id", "notifications:read"],
    ["PUT", "/policies/:alert_policy_id", "notifications:write"], ["DELETE", "/policies/:alert_policy_id", "notifications:write"],
    ["GET", "/destinations/webhooks", "notifications:read"], ["POST", "/destinations/webhooks", "notifications:write"],
    ["GET", "/destinations/webhooks/:webhook_id", "notifications:read"], ["PUT", "/destinations/webhooks/:webhook_id", "notifications:write"],
    ["DELETE", "/destinations/webhooks/:webhook_id", "notifications:write"],
    ["GET", "/history", "notifications:read"], ["GET", "/available_alerts", "notifications:read"],
  ];
  expect(expected.map(([m, s]) => [m, s, permissionOf(m, s)])).toEqual(expected);
});

it("the Access routes need the permission the README's API compatibility table gives them", () => {
  const permissionOf = (method: string, suffix: string) => routes.find((r) => r.method === method && r.pattern === `/accounts/:account_id/access${suffix}`)?.permission;
  const expected: [string, string, string][] = [
    ["GET", "/apps", "apps:read"], ["POST", "/apps", "apps:write"], ["GET", "/apps/:app_id", "apps:read"], ["PUT", "/apps/:app_id", "apps:write"],
    ["DELETE", "/apps/:app_id", "apps:write"], ["POST", "/apps/:app_id/revoke_tokens", "apps:write"],
    ["GET", "/policies", "apps:read"], ["POST", "/policies", "apps:write"], ["GET", "/policies/:policy_id", "apps:read"],
    ["PUT", "/policies/:policy_id", "apps:write"], ["DELETE", "/policies/:policy_id", "apps:write"],
    ["GET", "/keys", "apps:read"], ["PUT", "/keys", "apps:write"], ["POST", "/keys/rotate", "apps:write"],
    ["GET", "/logs/access_requests", "audit:read"],
  ];
  expect(expected.map(([m, s]) => [m, s, permissionOf(m, s)])).toEqual(expected);
});
