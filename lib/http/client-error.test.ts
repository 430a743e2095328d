import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oversizedRequestResponse, type HttpParseError } from "./client-error";

// What Node's parser reports for oversized requests, taken from a real node:http server, and the
// answer made of it.

let server: http.Server;
let port: number;
const errors: HttpParseError[] = [];

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end());
  server.on("clientError", (err: Error & HttpParseError, socket) => {
    errors.push(err);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The parse error the server reports for `request`. */
async function parseErrorOf(request: string): Promise<HttpParseError> {
  const seen = errors.length;
  await new Promise<void>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
  });
  expect(errors.length).toBe(seen + 1);
  return errors[seen];
}

function answer(err: HttpParseError) {
  const text = oversizedRequestResponse(err);
  if (text === null) return null;
  const [head, body] = text.split("\r\n\r\n");
  const lines = head.split("\r\n");
  expect(lines).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
  expect(lines).toContain("Connection: close");
  expect(lines).toContain("Content-Type: application/json; charset=utf-8");
  return { statusLine: lines[0], body: JSON.parse(body) };
}

describe("oversizedRequestResponse", () => {
  it("answers a request line over the limit with 414 and the v4 envelope", async () => {
    expect(answer(await parseErrorOf(`GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`))).toEqual({
      statusLine: "HTTP/1.1 414 URI Too Long",
      body: { success: false, errors: [{ code: 10414, message: "URI too long" }], messages: [], result: null },
    });
  });

  it("answers header fields over the limit with 431 and the v4 envelope", async () => {
    for (const request of [
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: v`).join("\r\n")}\r\n\r\n`,
      `GET /${"a".repeat(15_000)} HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(5000)}\r\n\r\n`,
    ]) {
      expect(answer(await parseErrorOf(request))).toEqual({
        statusLine: "HTTP/1.1 431 Request Header Fields Too Large",
        body: { success: false, errors: [{ code: 10431, message: "request header fields too large" }], messages: [], result: null },
      });
    }
  });

  it("leaves other parse errors to the caller", async () => {
    expect(answer(await parseErrorOf("BLAH\r\n\r\n"))).toBeNull();
    expect(oversizedRequestResponse({})).toBeNull();
  });
});
