import net from "node:net";
import { describe, expect, it } from "vitest";
import { api, expectEnvelope as expectV4Envelope, rawRequest } from "./client";

// Requests too big for the HTTP parser (16 KiB of request line and headers) are answered by the
// front with 414 / 431 and the v4 envelope, not Node's empty 400; a request just under the limit
// goes through the front to the Next.js worker and is answered as usual there.

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` as bytes on a new connection and reads the answer until the server closes it
 * (the client does not half-close first: the server would take that for a client gone away).
 */
function rawExchange(request: string): Promise<Raw> {
  const { hostname, port } = new URL(api().url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    socket.setTimeout(20_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" && chunks.length > 0 ? undefined : reject(e)));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...headerLines] = head.split("\r\n");
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}

function expectEnvelope(res: Raw, status: number, code: number) {
  expect(res.status, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.headers.connection).toBe("close");
  expect(JSON.parse(res.body)).toEqual({ success: false, errors: [{ code, message: expect.any(String) }], messages: [], result: null });
}

describe("oversized requests", () => {
  it("answer a 20,000-character path with 414 and the v4 envelope, for the API and the dashboard alike", async () => {
    for (const prefix of ["/client/v4/accounts/", "/service-tokens/", "/cdn-cgi/access/validate?x=", "/"]) {
      expectEnvelope(await rawExchange(`GET ${prefix}${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 414, 10414);
    }
  });

  it("answer header fields over the limit with 431 and the v4 envelope", async () => {
    expectEnvelope(await rawExchange(`GET /client/v4/accounts HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`), 431, 10431);
    const many = Array.from({ length: 40 }, (_, i) => `X-H${i}: ${"v".repeat(500)}`).join("\r\n");
    expectEnvelope(await rawExchange(`GET /service-tokens HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`), 431, 10431);
  });

  it("pass every request the front accepts through to the worker, which answers it (the front alone decides what is too large)", async () => {
    // Around the limit: each answer is the API's own 401 (the worker answered) or the front's 431,
    // never the worker refusing what the front let through (it gets the client-IP header on top).
    const statuses = new Set<number>();
    for (let n = 16_150; n <= 16_450; n += 3) {
      const res = await rawRequest({ method: "GET", path: "/client/v4/accounts", headers: { "x-filler": "f".repeat(n) } });
      const body = expectV4Envelope(res);
      expect([401, 431], `filler ${n}: ${res.status} ${res.text}`).toContain(res.status);
      expect(body.errors[0].code).toBe(res.status === 401 ? 9106 : 10431);
      statuses.add(res.status);
    }
    expect([...statuses].sort()).toEqual([401, 431]);
    const plain = await rawRequest({ method: "GET", path: "/sign-in" });
    expect(plain.status).toBeLessThan(400);
    const page = await rawRequest({ method: "GET", path: "/sign-in", headers: { "x-filler": "f".repeat(16_000) } });
    expect({ status: page.status, location: page.headers.location }).toEqual({ status: plain.status, location: plain.headers.location });
  });
});
