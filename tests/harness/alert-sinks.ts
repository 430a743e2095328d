import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// Real receivers for expiry alerts: an SMTP server (smtp-server) that keeps every message it
// accepts, and an HTTP server that keeps every webhook it answers 2xx, each answer scripted per
// path. What they keep is what a user's mailbox or Slack channel would have received.

export interface ReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** quoted-printable or base64 body of one MIME part, as text. */
function decodePart(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1].toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** RFC 2047 words ("=?UTF-8?Q?...?=", "=?UTF-8?B?...?=") of a header, decoded; folded lines joined. */
function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]+/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

/** Enough MIME for nodemailer's messages: the subject, the text/plain and the text/html parts. */
export function parseEmail(raw: string, envelope: { from: string; to: string[] }): ReceivedEmail {
  const [head] = raw.split(/\r?\n\r?\n/, 1);
  const subject = decodeHeader(/^subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1].trim() ?? "");
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const chunk of chunks) {
    const split = chunk.search(/\r?\n\r?\n/);
    const headers = chunk.slice(0, split);
    const body = chunk.slice(split).replace(/^\r?\n\r?\n/, "").replace(/\r?\n$/, "");
    const type = /content-type:\s*([\w/-]+)/i.exec(headers)?.[1].toLowerCase() ?? "text/plain";
    parts[type] = decodePart(headers, body).replace(/\r\n/g, "\n");
  }
  return { ...envelope, subject, text: parts["text/plain"] ?? "", html: parts["text/html"] ?? "", raw };
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages: ReceivedEmail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        messages.push(parseEmail(Buffer.concat(chunks).toString("utf8"), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}

export interface HttpSink {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests answered 2xx, by path: what the receiver accepted. */
  accepted: ReceivedWebhook[];
  /** Every request received, whatever the answer. */
  received: ReceivedWebhook[];
  /** The next answers for `path` (then 200): e.g. [500, 500] */
  script(path: string, statuses: number[]): void;
  /**
   * From the `after`-th next request to `path` on, holds requests without answering (a receiver
   * that hangs) until resume(path); held requests are never answered, so never accepted.
   */
  pause(path: string, opts?: { after?: number }): void;
  resume(path: string): void;
  /** Requests to `path` being held now. */
  held(path: string): number;
  close(): Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  const accepted: ReceivedWebhook[] = [];
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, number[]>();
  // Per paused path: how many more requests are answered before holding starts, and those held.
  const paused = new Map<string, { answerFirst: number; held: http.ServerResponse[] }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const path = req.url ?? "/";
      const request: ReceivedWebhook = { path, headers: req.headers, body, json };
      received.push(request);
      const answer = (status: number) => {
        // A client that went away (closed or reset its connection) is not told anything.
        if (res.destroyed || req.socket.destroyed || req.socket.readableEnded) return;
        if (status >= 200 && status < 300) accepted.push(request);
        res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
      };
      const pause = paused.get(path);
      if (pause && pause.answerFirst-- <= 0) {
        pause.held.push(res);
        return;
      }
      const queue = scripts.get(path);
      answer(queue && queue.length > 0 ? queue.shift()! : 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    received,
    script: (path, statuses) => void scripts.set(path, [...statuses]),
    pause: (path, opts = {}) => void paused.set(path, { answerFirst: opts.after ?? 0, held: [] }),
    resume: (path) => void paused.delete(path),
    held: (path) => paused.get(path)?.held.filter((res) => !res.destroyed).length ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
