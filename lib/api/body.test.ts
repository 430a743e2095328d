import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { MAX_BODY_BYTES, parseJsonObject, readBodyText } from "./body";
import { ApiError } from "./errors";

// Request bodies (README › REST API): over 64 KiB is a 413 10413 before anything parses them,
// whether the client declares its length or not; what is read must be UTF-8 JSON, an object.

/** A request whose body arrives in `chunks` (no Content-Length unless `declared`). */
function request(chunks: Uint8Array[], declared?: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  const headers: Record<string, string> = declared === undefined ? {} : { "content-length": declared };
  return new Request("http://gatepost.test/client/v4/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

async function failure(p: Promise<unknown>): Promise<{ status?: number; code: string | number; message: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (e instanceof ApiError) return { status: e.status, code: e.code, message: e.message };
  if (e instanceof AppError) return { code: e.code, message: e.message };
  throw new Error(`not refused with a known error: ${String(e)}`);
}

describe("readBodyText", () => {
  it("reads up to exactly 64 KiB, in any number of chunks", async () => {
    expect(MAX_BODY_BYTES).toBe(64 * 1024);
    expect(await readBodyText(request([bytes(MAX_BODY_BYTES)]))).toHaveLength(MAX_BODY_BYTES);
    expect(await readBodyText(request([bytes(40_000), bytes(MAX_BODY_BYTES - 40_000)]))).toHaveLength(MAX_BODY_BYTES);
  });

  it("is a 413 10413 one byte over, counted as it arrives when no length is declared", async () => {
    expect(await failure(readBodyText(request([bytes(40_000), bytes(MAX_BODY_BYTES - 40_000 + 1)])))).toEqual({
      status: 413, code: 10413, message: "payload too large",
    });
  });

  it("is a 413 on a declared length over the limit, before reading a byte", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const req = new Request("http://gatepost.test/x", { method: "POST", body, headers: { "content-length": String(MAX_BODY_BYTES + 1) }, duplex: "half" } as RequestInit);
    expect((await failure(readBodyText(req))).status).toBe(413);
    expect(pulled).toBe(false);
    expect(req.bodyUsed).toBe(false);
  });

  it("trusts the bytes, not a declared length that is small or not a number", async () => {
    expect((await failure(readBodyText(request([bytes(MAX_BODY_BYTES + 1)], "10")))).status).toBe(413);
    expect(await readBodyText(request([bytes(3)], "not-a-number"))).toBe("aaa");
  });

  it("honours a smaller limit", async () => {
    expect((await failure(readBodyText(request([bytes(11)]), 10))).status).toBe(413);
    expect(await readBodyText(request([bytes(10)]), 10)).toBe("a".repeat(10));
  });

  it("answers an empty string for no body, and a 400 for bytes that are not UTF-8", async () => {
    expect(await readBodyText(new Request("http://gatepost.test/x", { method: "POST" }))).toBe("");
    expect(await failure(readBodyText(request([new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])])))).toEqual({
      code: "invalid_request", message: "invalid request: body: must be UTF-8 encoded JSON",
    });
  });

  it("is a 400, not a server fault, when the client's stream breaks", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    const req = new Request("http://gatepost.test/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await failure(readBodyText(req))).toEqual({ code: "invalid_request", message: "invalid request: body: could not be read" });
  });
});

describe("parseJsonObject", () => {
  it("takes an empty or blank body as an empty object", () => {
    expect(parseJsonObject("")).toEqual({});
    expect(parseJsonObject(" \n\t")).toEqual({});
    expect(parseJsonObject('{"name":"x","n":[1]}')).toEqual({ name: "x", n: [1] });
  });

  it.each(["{", "{'a':1}", "NaN", '{"a":1} trailing', "\ufeff{}"])("refuses %j as invalid JSON", (text) => {
    expect(() => parseJsonObject(text)).toThrow("invalid request: body: must be valid JSON");
  });

  it.each(["[]", '[{"name":"x"}]', '"x"', "1", "true", "null"])("refuses %j as not an object", (text) => {
    expect(() => parseJsonObject(text)).toThrow("invalid request: body: must be a JSON object");
  });
});
