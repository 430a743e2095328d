import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// What the validation tests build on: the REST API of the fixture server (through fetch, as a
// script would) to make tokens, policies and applications, and direct calls to the endpoint.

export const fixture = () => inject("validation");

export interface Json {
  success: boolean;
  result: any;
  errors: { code: number | string; message: string }[];
}

export async function api(method: string, path: string, body?: unknown, base = fixture()): Promise<Json> {
  const res = await fetch(`${base.apiBase}/accounts/${base.accountId}${path}`, {
    method,
    headers: { authorization: `Bearer ${base.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  if (!json.success) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.errors)}`);
  return json;
}

/** A host name no other test uses. */
export function uniqueHost(label: string): string {
  return `${label}-${randomBytes(4).toString("hex")}.example.test`;
}

/** A client IP of its own (documentation range 198.18.0.0/15), sent as X-Forwarded-For. */
export function uniqueIp(): string {
  const b = randomBytes(2);
  return `198.18.${b[0]}.${b[1] % 254 + 1}`;
}

export interface ServiceToken {
  id: string;
  client_id: string;
  client_secret: string;
  name: string;
}

export async function createToken(name = "validation test", extra: Record<string, unknown> = {}, base = fixture()): Promise<ServiceToken> {
  return (await api("POST", "/access/service_tokens", { name, ...extra }, base)).result;
}

export async function createPolicy(body: Record<string, unknown>, base = fixture()): Promise<{ id: string }> {
  return (await api("POST", "/access/policies", { name: "validation test policy", ...body }, base)).result;
}

export interface App {
  id: string;
  aud: string;
  domain: string;
}

export async function createApp(domain: string, policies: string[], extra: Record<string, unknown> = {}, base = fixture()): Promise<App> {
  return (await api("POST", "/access/apps", { name: domain, domain, type: "self_hosted", policies, ...extra }, base)).result;
}

/** A token admitted to a new application by one Service Auth policy naming it. */
export async function serviceAuthApp(label: string, opts: { allowPolicy?: boolean; app?: Record<string, unknown> } = {}) {
  const token = await createToken(`${label} token`);
  const policy = await createPolicy({ decision: "non_identity", include: [{ service_token: { token_id: token.id } }] });
  const policies = [policy.id];
  if (opts.allowPolicy) policies.push((await createPolicy({ decision: "allow", include: [{ email_domain: { domain: "example.com" } }] })).id);
  const app = await createApp(uniqueHost(label), policies, opts.app);
  return { token, policy, app };
}

export interface Validation {
  status: number;
  headers: Headers;
  json: any;
}

/** One call to /cdn-cgi/access/validate as a proxy makes it (X-Forwarded-Host, -Uri, -For). */
export async function validate(
  opts: { host?: string; uri?: string; ip?: string; headers?: Record<string, string>; query?: string; method?: string; base?: string } = {},
): Promise<Validation> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.host) headers["x-forwarded-host"] = opts.host;
  if (opts.uri) headers["x-forwarded-uri"] = opts.uri;
  headers["x-forwarded-for"] = opts.ip ?? uniqueIp();
  const res = await fetch(`${opts.base ?? fixture().url}/cdn-cgi/access/validate${opts.query ? `?${opts.query}` : ""}`, {
    method: opts.method ?? "GET",
    headers,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

export function pairHeaders(t: Pick<ServiceToken, "client_id" | "client_secret">): Record<string, string> {
  return { "CF-Access-Client-Id": t.client_id, "CF-Access-Client-Secret": t.client_secret };
}

/** Waits until `check` passes (for the batched access log and cross-instance effects). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
