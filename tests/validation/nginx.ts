import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../harness/processes";

// A real nginx in front of a recording upstream, configured with the nginx block of the README's
// "Protecting an application" section (read from README.md, not copied here, so that the tested
// configuration is the documented one), and curl to talk to it as the Cloudflare docs do.

export const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

// ---- The upstream: the application nginx protects ------------------------------------------------

export interface UpstreamRequest {
  method: string;
  url: string;
  /** Lowercase names; repeated headers joined with ", " as Node does. */
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  port: number;
  requests: UpstreamRequest[];
  close(): Promise<void>;
}

/** A node:http server on a free loopback port that records every request and answers 200. */
export async function startUpstream(): Promise<Upstream> {
  const requests: UpstreamRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("hello from upstream");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- The README's configuration ------------------------------------------------------------------

export const README_SECTION = "## Protecting an application (nginx, Traefik, Caddy)";

/** The first ```nginx block of the README section above, verbatim. */
export async function readmeNginxBlock(): Promise<string> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(README_SECTION);
  if (start === -1) throw new Error(`README.md has no section "${README_SECTION}"`);
  const open = readme.indexOf("```nginx\n", start);
  const close = open === -1 ? -1 : readme.indexOf("\n```", open + 9);
  if (open === -1 || close === -1) throw new Error(`README.md's section "${README_SECTION}" has no \`\`\`nginx block`);
  return readme.slice(open + 9, close + 1);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + from.length) !== -1) {
    throw new Error(`the README's nginx block must contain "${from}" exactly once`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/**
 * The README block with the addresses of this machine: Gatepost's (`gatepost:3000`), the
 * application's (`app:8080`) and the listening port (`listen 80;`). `upstreamName` renames the
 * `gatepost` upstream, so that a second copy can sit in the same http block.
 */
export function renderServer(block: string, opts: { listen: number; gatepost: string; app: string; upstreamName?: string }): string {
  let text = block;
  text = replaceOnce(text, "server gatepost:3000;", `server ${opts.gatepost};`);
  text = replaceOnce(text, "proxy_pass http://app:8080;", `proxy_pass http://${opts.app};`);
  text = replaceOnce(text, "listen 80;", `listen 127.0.0.1:${opts.listen};`);
  if (opts.upstreamName) {
    text = replaceOnce(text, "upstream gatepost {", `upstream ${opts.upstreamName} {`);
    text = text.replace(/http:\/\/gatepost\b/g, `http://${opts.upstreamName}`);
  }
  return text;
}

/** A whole nginx.conf whose every path (pid, logs, temp folders) lies in `dir`. */
export function nginxConf(dir: string, servers: string): string {
  const p = (name: string) => path.join(dir, name);
  return `daemon off;
master_process on;
worker_processes 1;
pid ${p("nginx.pid")};
error_log ${p("error.log")} warn;

events {
    worker_connections 256;
}

http {
    access_log ${p("access.log")};
    client_body_temp_path ${p("client_body")};
    proxy_temp_path ${p("proxy")};
    fastcgi_temp_path ${p("fastcgi")};
    uwsgi_temp_path ${p("uwsgi")};
    scgi_temp_path ${p("scgi")};

${servers}
}
`;
}

// ---- nginx itself --------------------------------------------------------------------------------

export interface Nginx {
  dir: string;
  conf: string;
  stop(): Promise<void>;
  errorLog(): Promise<string>;
}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Writes `servers` into a full nginx.conf in a temporary folder, checks it with `nginx -t`, starts
 * nginx in the foreground as a child and waits until `readyUrl` (through curl) answers 200.
 */
export async function startNginx(servers: string, ready: { url: string; resolve: string }): Promise<Nginx> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gatepost-nginx-"));
  // The workers run as "nobody" when nginx starts as root: they must be able to enter the folder.
  await chmod(dir, 0o755);
  const conf = nginxConf(dir, servers);
  const confFile = path.join(dir, "nginx.conf");
  await writeFile(confFile, conf);
  // -e: the error log before the configuration is read (else /var/log/nginx/error.log).
  const args = ["-p", dir, "-e", path.join(dir, "error.log"), "-c", confFile];
  const check = await run(NGINX, [...args, "-t", "-q"]);
  if (check.code !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the configuration:\n${check.stderr}\n${conf}`);
  }
  const child = spawn(NGINX, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const errorLog = () => readFile(path.join(dir, "error.log"), "utf8").catch(() => "");
  const stop = async () => {
    // SIGQUIT: graceful (the master waits for its worker); then SIGTERM, then SIGKILL.
    for (const [signal, wait] of [["SIGQUIT", 5000], ["SIGTERM", 5000], ["SIGKILL", 5000]] as const) {
      if (await exited(child, 0)) break;
      child.kill(signal);
      if (await exited(child, wait)) break;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx exited at start-up (${child.exitCode ?? child.signalCode}):\n${stderr}\n${log}`);
    }
    const r = await curl(["--resolve", ready.resolve, ready.url]).catch(() => null);
    if (r?.status === 200) break;
    if (Date.now() > until) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx did not answer ${ready.url} within 20 s:\n${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir, conf, stop, errorLog };
}

// ---- curl ----------------------------------------------------------------------------------------

export interface CurlResult {
  status: number;
  /** Every response header line in order, names lowercase (Set-Cookie may repeat). */
  headers: [string, string][];
  body: string;
  header(name: string): string | null;
  all(name: string): string[];
}

/** `curl -sS -i <args>`: the status line, header lines and body of the (last) response. */
export async function curl(args: string[]): Promise<CurlResult> {
  const r = await run("curl", ["-sS", "-i", "--max-time", "15", ...args]);
  if (r.code !== 0) throw new Error(`curl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  const out = r.stdout;
  const end = out.indexOf("\r\n\r\n");
  const head = end === -1 ? out : out.slice(0, end);
  const body = end === -1 ? "" : out.slice(end + 4);
  const [statusLine, ...lines] = head.split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(":");
    return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()];
  });
  const all = (name: string) => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  return { status, headers, body, all, header: (name) => all(name)[0] ?? null };
}
