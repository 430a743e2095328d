import http from "node:http";
import { expect, inject } from "vitest";

// Raw HTTP for the API tests: any method, any path (nothing normalised, unlike fetch), any bytes.

export const api = () => inject("api");

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function rawRequest(opts: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}): Promise<RawResponse> {
  const base = new URL(api().url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: opts.method,
        path: opts.path,
        agent,
        headers: {
          // Node frames a body without a length only for methods it expects one on: say it always.
          ...(opts.body === undefined ? {} : opts.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(Buffer.byteLength(opts.body)) }),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${opts.method} ${opts.path}`)));
    req.on("error", reject);
    if (opts.body !== undefined && opts.chunked) {
      // Several writes, so that the limit is met by counting, not by a declared length.
      const buf = Buffer.from(opts.body);
      for (let at = 0; at < buf.length; at += 16 * 1024) req.write(buf.subarray(at, at + 16 * 1024));
    } else if (opts.body !== undefined) {
      req.write(opts.body);
    }
    req.end();
  });
}

/** A request to /client/v4<path> with a bearer token (or none) and a JSON body. */
export function call(
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const token = opts.token === undefined ? api().tokens.write : opts.token;
  const headers: Record<string, string> = { ...opts.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  return rawRequest({ method, path: `/client/v4${path}`, headers, body });
}

export const accountPath = (suffix = "", accountId = api().accountId) => `/accounts/${accountId}${suffix}`;

/** Asserts the exact v4 envelope (README › REST API) and returns it. */
export function expectEnvelope(res: RawResponse): { success: boolean; errors: { code: number; message: string }[]; result: any; result_info?: any } {
  expect(res.headers["content-type"], res.text).toMatch(/^application\/json/);
  const body = res.json;
  expect(body, res.text).toBeTypeOf("object");
  expect(Array.isArray(body.errors) && Array.isArray(body.messages), res.text).toBe(true);
  if (body.success === true) {
    expect(Object.keys(body).sort()).toEqual(body.result_info === undefined ? ["errors", "messages", "result", "success"] : ["errors", "messages", "result", "result_info", "success"]);
    expect(body.errors).toEqual([]);
  } else {
    expect(body.success, res.text).toBe(false);
    expect(Object.keys(body).sort()).toEqual(["errors", "messages", "result", "success"]);
    expect(body.result).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBeTypeOf("number");
    expect(body.errors[0].message).toBeTypeOf("string");
  }
  return body;
}

/** Asserts a failure with this status and code (and a message starting with `message`). */
export function expectFailure(res: RawResponse, status: number, code: number, message?: string) {
  const body = expectEnvelope(res);
  expect({ status: res.status, success: body.success, code: body.errors[0]?.code }, res.text).toEqual({ status, success: false, code });
  if (message !== undefined) expect(body.errors[0].message.startsWith(message), body.errors[0].message).toBe(true);
  return body;
}

export function expectSuccess(res: RawResponse, status = 200) {
  const body = expectEnvelope(res);
  expect({ status: res.status, success: body.success }, res.text).toEqual({ status, success: true });
  return body;
}
