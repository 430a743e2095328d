import { failureBody } from "../api/envelope";

// What a server answers a request too big for Node's HTTP parser, which refuses it before any
// handler sees it: a request line or header block over the size limit (16 KiB by default). The
// answer is the v4 envelope in JSON, then the connection closes (the parser cannot go on after
// such a request). Pure: no I/O.

/** The fields of the parser's error that tell what went wrong (Node's clientError). */
export interface HttpParseError {
  code?: string;
  /** The bytes being parsed when the parser gave up, and how far into them it got. */
  rawPacket?: Buffer;
  bytesParsed?: number;
}


/**
 * llhttp reports one code, HPE_HEADER_OVERFLOW, for a request line and a header block that grew past
 * the limit together: when what it was parsing is still the request line (a method, a space and no
 * line end yet), the URI is what is too long (414); otherwise the header fields are (431).
 */
function overflowStatus(err: HttpParseError): 414 | 431 {
  const seen = err.rawPacket?.subarray(0, err.bytesParsed ?? err.rawPacket.length).toString("latin1") ?? "";
  return /^[A-Z]+ [^\r\n]*$/.test(seen) ? 414 : 431;
}

/** The whole HTTP response, status line to body, for a request too big to parse; null for other parse errors. */
export function oversizedRequestResponse(err: HttpParseError): string | null {
  if (err.code !== "HPE_HEADER_OVERFLOW") return null;
  const uri = overflowStatus(err) === 414;
  const body = JSON.stringify(uri ? failureBody(10414, "URI too long") : failureBody(10431, "request header fields too large"));
  return [
    uri ? "HTTP/1.1 414 URI Too Long" : "HTTP/1.1 431 Request Header Fields Too Large",
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
