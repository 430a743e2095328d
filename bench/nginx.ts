import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Debian's nginx with one worker, started by the bench on loopback for the forward-auth cases: its
// own prefix folder in a temporary directory (config, pid, lock, error log and every temp path
// inside it), stopped by PID. One nginx serves every configuration under test, one server block
// (and port) each: the README's block (read from README.md, as tests/validation/nginx.test.ts
// does), so that what is measured is what the README recommends, and variants of it.

export const NGINX = "/usr/sbin/nginx";

export interface NginxSite {
  name: string;
  port: number;
  /** The whole `server { ... }` block (and the upstream blocks it uses), listening on `port`. */
  config: string;
}

export interface RunningNginx {
  pid: number;
  /** The worker processes (one), for CPU accounting. */
  workerPids: number[];
  prefix: string;
  errorLog: string;
  stop(): Promise<string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- The README's configuration ------------------------------------------------------------------
// The same contract as tests/validation/nginx.ts: the first ```nginx block of the README section
// below, with `server gatepost:3000;`, `proxy_pass http://app:8080;` and `listen 80;` each once.

export const README_SECTION = "## Protecting an application (nginx, Traefik, Caddy)";

/** The README's nginx block, verbatim, or why there is none. */
export function readmeNginxBlock(): { block: string } | { problem: string } {
  if (!existsSync("README.md")) return { problem: "README.md not found" };
  const readme = readFileSync("README.md", "utf8");
  const start = readme.indexOf(README_SECTION);
  if (start === -1) return { problem: `README.md has no section "${README_SECTION}"` };
  const open = readme.indexOf("```nginx\n", start);
  const close = open === -1 ? -1 : readme.indexOf("\n```", open + 9);
  if (open === -1 || close === -1) return { problem: `README.md's section "${README_SECTION}" has no nginx block` };
  return { block: readme.slice(open + 9, close + 1) };
}

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const matches = text.match(new RegExp(typeof from === "string" ? from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : from.source, "gm"));
  if (!matches || matches.length !== 1) throw new Error(`the README's nginx block must contain "${String(from)}" exactly once`);
  return typeof from === "string" ? text.replace(from, () => to) : text.replace(new RegExp(from.source, "m"), to);
}

export interface SiteOptions {
  listen: number;
  /** host:port of the auth server that stands where the README has Gatepost. */
  auth: string;
  /** host:port of the application. */
  app: string;
  /** Renames the `gatepost` upstream, so that several copies sit in one http block. */
  upstreamName: string;
  /** false: the `keepalive` line of the upstream block removed (a connection per subrequest). */
  keepalive: boolean;
  /**
   * false: the README's `proxy_method HEAD` removed (GET subrequests). nginx keeps an auth_request
   * upstream connection only when the answer has no body (it reads only the headers of a
   * subrequest), so without it the keepalive pool keeps nothing from a server that sends one.
   */
  head?: boolean;
}

/** The README block with this machine's addresses and the variant's edits. */
export function renderReadmeSite(block: string, o: SiteOptions): string {
  let text = block;
  text = replaceOnce(text, "server gatepost:3000;", `server ${o.auth};`);
  text = replaceOnce(text, "proxy_pass http://app:8080;", `proxy_pass http://${o.app};`);
  text = replaceOnce(text, "listen 80;", `listen 127.0.0.1:${o.listen};`);
  text = replaceOnce(text, "upstream gatepost {", `upstream ${o.upstreamName} {`);
  text = text.replace(/http:\/\/gatepost\b/g, `http://${o.upstreamName}`);
  if (!o.keepalive) text = replaceOnce(text, /^[ \t]*keepalive[ \t]+\d+;.*\n/, "");
  if (o.head === false) text = replaceOnce(text, /^[ \t]*proxy_method HEAD;.*\n/, "");
  return text;
}

/** nginx alone in front of the application, proxied as the README's block proxies it. */
export function plainSite(listen: number, app: string): string {
  return `server {
    listen 127.0.0.1:${listen};
    location / {
        proxy_set_header Host $host;
        proxy_pass http://${app};
    }
}
`;
}

/** A whole nginx.conf around the sites: one worker, every path (pid, lock, logs, temp) in `prefix`. */
export function nginxConfig(prefix: string, sites: NginxSite[]): string {
  const p = (f: string) => path.join(prefix, f);
  return `# Written by bench/nginx.ts for one run of npm run bench; deleted afterwards.
worker_processes 1;
daemon off;
pid ${p("nginx.pid")};
lock_file ${p("nginx.lock")};
error_log ${p("error.log")} warn;
worker_rlimit_nofile 8192;
events {
    worker_connections 4096;
}
http {
    access_log off;
    client_body_temp_path ${p("client_body")};
    proxy_temp_path ${p("proxy")};
    fastcgi_temp_path ${p("fastcgi")};
    uwsgi_temp_path ${p("uwsgi")};
    scgi_temp_path ${p("scgi")};

${sites.map((s) => `# ${s.name}\n${s.config}`).join("\n")}
}
`;
}

/** Whether /usr/sbin/nginx exists and has auth_request; the reason when not. */
export function nginxProblem(): string | null {
  if (!existsSync(NGINX)) return `${NGINX} not found (apt-get install nginx)`;
  const v = spawnSync(NGINX, ["-V"], { encoding: "utf8", timeout: 10_000 });
  const text = `${v.stdout ?? ""}${v.stderr ?? ""}`;
  if (!text.includes("http_auth_request_module")) return `${NGINX} has no auth_request module`;
  return null;
}

export function nginxVersion(): string {
  const v = spawnSync(NGINX, ["-v"], { encoding: "utf8", timeout: 10_000 });
  return `${v.stdout ?? ""}${v.stderr ?? ""}`.trim().replace(/^nginx version:\s*/, "");
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([new Promise<boolean>((resolve) => child.once("exit", () => resolve(true))), sleep(ms).then(() => false)]);
}

/**
 * Starts nginx for `sites` and waits until every port accepts connections. `keepLogAs`: where the
 * error log is copied when nginx stops (the prefix folder is deleted unless BENCH_KEEP_DATA).
 */
export async function startNginx(sites: NginxSite[], keepLogAs: string): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "gatepost-bench-nginx-"));
  // Started as root, nginx runs its worker as nobody, which must reach the temp paths inside.
  chmodSync(prefix, 0o755);
  const conf = path.join(prefix, "nginx.conf");
  const errorLog = path.join(prefix, "error.log");
  writeFileSync(conf, nginxConfig(prefix, sites));
  const args = ["-p", `${prefix}/`, "-c", conf, "-e", errorLog];
  const removePrefix = () => {
    if (existsSync(errorLog)) copyFileSync(errorLog, keepLogAs);
    if (!process.env.BENCH_KEEP_DATA) rmSync(prefix, { recursive: true, force: true });
  };
  const test = spawnSync(NGINX, [...args, "-t", "-q"], { encoding: "utf8", timeout: 15_000 });
  if (test.status !== 0) {
    const why = `${test.stderr ?? ""}${test.error?.message ?? ""}`.trim();
    removePrefix();
    throw new Error(`nginx -t refused the bench's configuration: ${why}`);
  }
  const out = openSync(path.join(prefix, "stderr.log"), "w");
  const child = spawn(NGINX, args, { stdio: ["ignore", out, out] });
  closeSync(out);
  let workers: number[] = [];

  const stop = async (): Promise<string> => {
    workers = [...new Set([...workers, ...(child.pid ? childPids(child.pid) : [])])];
    let how = "stopped on SIGTERM";
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 5_000))) {
        child.kill("SIGKILL");
        how = "killed after 5 s";
      }
    }
    // A worker outlives a killed master: stop it by its PID.
    for (const w of workers) {
      for (let i = 0; i < 20 && isAlive(w); i++) await sleep(100);
      if (isAlive(w)) {
        process.kill(w, "SIGKILL");
        how += `, worker ${w} killed`;
      }
    }
    removePrefix();
    return `nginx ${child.pid} ${how}`;
  };

  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = existsSync(errorLog) ? readFileSync(errorLog, "utf8").slice(-2000) : "";
      await stop();
      throw new Error(`nginx exited with ${child.exitCode} during start-up: ${log}`);
    }
    const ready = await Promise.all(sites.map((s) => canConnect(s.port)));
    if (ready.every(Boolean)) {
      workers = childPids(child.pid!);
      return { pid: child.pid!, workerPids: [...workers], prefix, errorLog, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error("nginx did not listen on every port within 15 s");
}
