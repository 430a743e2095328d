import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "../logger";
import { workerForwarder } from "./worker-proxy";

// The front's hand-over to the Next.js worker, against a stand-in worker on a Unix socket: a worker
// that hangs up unanswered is a 502 and an error line; a client that leaves first is neither.

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (closers.length) await closers.pop()!();
});

function listen(server: http.Server, where: string | number): Promise<void> {
  closers.push(() => new Promise((r) => server.close(() => r())));
  return new Promise((resolve) => server.listen(where, resolve));
}

/** A stand-in worker on a socket, and a front on a port that forwards to it. */
async function frontOf(worker: http.RequestListener) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatepost-proxy-test-"));
  closers.push(async () => rmSync(dir, { recursive: true, force: true }));
  const socketPath = path.join(dir, "worker.sock");
  const workerServer = http.createServer(worker);
  await listen(workerServer, socketPath);
  const agent = new http.Agent({ keepAlive: true });
  closers.push(async () => agent.destroy());
  const forward = workerForwarder(socketPath, agent);
  const front = http.createServer((req, res) => forward(req, res, { "x-extra": "1" }));
  await listen(front, 0);
  // Keep-alive connections would hold server.close() open.
  closers.push(async () => front.closeAllConnections());
  return { url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`, workerServer };
}

describe("workerForwarder", () => {
  it("passes the request with the front's headers and the worker's answer back", async () => {
    const { url } = await frontOf((req, res) => res.writeHead(201, { "x-seen": String(req.headers["x-extra"]) }).end(`${req.method} ${req.url}`));
    const res = await fetch(`${url}/some/page?q=1`);
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen")).toBe("1");
    expect(await res.text()).toBe("GET /some/page?q=1");
  });

  it("answers 502 with the v4 envelope, and logs it, when the worker hangs up unanswered", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const { url } = await frontOf((req) => req.socket.destroy());
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ success: false, errors: [{ code: 10502 }] });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][1]).toBe("the Next.js worker did not answer");
  });

  it("logs nothing when the client leaves before the worker answers", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    let workerSawClose!: () => void;
    const closed = new Promise<void>((r) => (workerSawClose = r));
    const { url } = await frontOf((req) => {
      // Never answers: the client gives up first.
      req.socket.once("close", () => workerSawClose());
      arrived();
    });
    const abort = new AbortController();
    const request = fetch(`${url}/slow`, { signal: abort.signal }).catch((e: unknown) => e);
    await reached;
    abort.abort();
    expect(await request).toBeInstanceOf(Error);
    // The front dropped the worker's request too, and then said nothing about it.
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(error).not.toHaveBeenCalled();
  });
});
