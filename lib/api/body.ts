import { invalid } from "../errors";
import { payloadTooLarge } from "./errors";

// Request bodies: read with a hard size limit before anything parses them, then parsed as a JSON
// object. Content-Type is not enforced (curl -d sends form encoding): the body must be JSON anyway.

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the body as UTF-8 text; over `limit` bytes (declared or actual) is a 413 without reading on. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > limit) throw payloadTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The client went away or sent a broken chunked body: its fault, not a server fault.
      throw invalid("body", "could not be read");
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw payloadTooLarge();
    }
    chunks.push(next.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalid("body", "must be UTF-8 encoded JSON");
  }
}

/** An empty body is an empty object (the SDK sends none for an optional body); anything else must be one. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("body", "must be valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalid("body", "must be a JSON object");
  return value as Record<string, unknown>;
}
