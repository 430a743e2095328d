import type autocannon from "autocannon";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createApp } from "../lib/access/apps";
import { createPolicy } from "../lib/access/policies";
import { createAccount } from "../lib/accounts/service";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { onDatabase, prismaFor } from "./db";
import { request, throughput, type Response, type Throughput } from "./http";
import { nginxProblem, nginxVersion, plainSite, readmeNginxBlock, renderReadmeSite, startNginx, type NginxSite, type RunningNginx } from "./nginx";
import { freePort, makeDataDir, sleep } from "../tests/harness/processes";
import { benchPort, startBaseline, startGatepost, type RunningServer } from "./processes";
import { systemActor } from "./query";
import { seedTokens, settle } from "./seed";
import { ms, summarize } from "./stats";

// The "Validation" section of `npm run bench`: /cdn-cgi/access/validate (lib/access/validation,
// served beside Next by server.ts) under autocannon, against the bare node:http baseline measured
// in the same run, and behind nginx auth_request against an auth server that always says yes.
// Everything here is started and stopped by this file: one Gatepost with its own embedded
// PostgreSQL in a fresh DATA_DIR, the baseline, the always-200 auth server and nginx.
//
// Tokens come from bench/seed.ts's bulk INSERT (one account); the secrets are known because the
// seed derives them (see credentialsOf), and the bench checks every derived pair against the stored
// digests before it measures anything. The seed's mix of disabled and expired tokens is then made
// valid by one UPDATE: this section measures tokens that pass.

export const APP_HOST = "validate.bench.example";
const VALIDATE_PATH = "/cdn-cgi/access/validate";

export interface ValidationSettings {
  loadSeconds: number;
  connections: number;
  coldTokens: number;
  memoryTokens: number;
  memoryConcurrency: number;
  memoryMaxSeconds: number;
  /** Folder for the Gatepost server's --cpu-prof output, or undefined. */
  cpuProfileDir?: string;
}

export function validationSettings(loadSeconds: number): ValidationSettings {
  const cpuProf = process.env.BENCH_CPU_PROF;
  return {
    loadSeconds,
    connections: 50,
    coldTokens: 10_000,
    memoryTokens: Number(process.env.BENCH_MEMORY_TOKENS) || 100_000,
    memoryConcurrency: 8,
    memoryMaxSeconds: Number(process.env.BENCH_MEMORY_MAX_SECONDS) || 300,
    cpuProfileDir: cpuProf ? path.resolve(cpuProf === "1" ? path.join("bench", "results", "cpu-prof") : cpuProf) : undefined,
  };
}

interface Goal {
  /** The limit, as the report shows it. */
  text: string;
  met: boolean | undefined;
  measured: string;
}

export interface ValidationRow {
  label: string;
  t?: Throughput;
  /** The denominator of the ratio column. */
  base?: { label: string; rps: number };
  goals: Goal[];
  /** CPU time of the serving processes per answered request, µs (see the method). */
  cpuUs?: number;
  /** The same per process, when there are several. */
  cpuParts?: { name: string; us: number }[];
  /** Gatepost's CPU µs/req by thread name. */
  gatepostThreads?: { name: string; us: number }[];
  /** Why the row has no numbers (skipped, failed). */
  missing?: string;
}

export interface ValidationResult {
  settings: ValidationSettings;
  rows: ValidationRow[];
  context: string[];
  findings: string[];
  notes: string[];
  stopped: string[];
}

type Log = (m: string) => void;

interface Credential {
  id: string;
  secret: string;
}

const sha256hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** Token i (1-based) of an account seeded by bench/seed.ts: its SQL derives both from the account id and i. */
function credentialsOf(accountId: string, i: number): Credential {
  return { id: `${createHash("md5").update(`${accountId}:client:${i}`, "utf8").digest("hex")}.access`, secret: `${accountId}:secret:${i}` };
}

/** Current and peak resident set of a process (Linux /proc), in MB. */
export function memoryOf(pid: number | undefined): { rss: number; hwm: number } | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

interface ProbeSnapshot {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  mallocedMemory: number;
}
interface Probe {
  found: ProbeSnapshot;
  /** After a full GC (the server runs with --expose-gc): what is live. */
  collected: ProbeSnapshot | null;
}

/** Asks the server's preloaded bench/memory-probe.cjs (SIGUSR2) where its memory is; undefined if it does not answer. */
async function memoryProbe(pid: number | undefined, file: string): Promise<Probe | undefined> {
  if (!pid) return undefined;
  const sent = Date.now();
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return undefined;
  }
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    try {
      const p = JSON.parse(readFileSync(file, "utf8")) as Probe & { at: number };
      if (p.at >= sent) return p;
    } catch {
      // not written yet
    }
  }
  return undefined;
}

const probeText = (p: ProbeSnapshot | null | undefined) =>
  p ? `JS heap ${p.heapUsed.toFixed(0)} MB used of ${p.heapTotal.toFixed(0)}, Buffers ${p.arrayBuffers.toFixed(0)} MB, other external ${(p.external - p.arrayBuffers).toFixed(0)} MB` : "n/a";

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture the bench runs on. */
const CLK_TCK = 100;

/** CPU time (user + system, every thread) the processes have used so far, in seconds (Linux /proc). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      return Number.NaN;
    }
  }
  return ticks / CLK_TCK;
}

/**
 * CPU seconds of one process's main thread (the event loop) and of its other threads together (V8's
 * GC and compiler helpers, libuv's threadpool: crypto, DNS, files). Node names them all "node".
 */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = tid === String(pid) ? "main thread" : "other threads";
        const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(name, (out.get(name) ?? 0) + (Number(rest[11]) + Number(rest[12])) / CLK_TCK);
      } catch {
        // the thread ended
      }
    }
  } catch {
    // the process ended
  }
  return out;
}

/** An error's message on one table row: one line, at most 200 characters. */
const short = (e: unknown) => {
  const m = (e instanceof Error ? e.message : String(e)).split("\n")[0].replace(/\|/g, "\\|");
  return m.length > 200 ? `${m.slice(0, 200)}…` : m;
};

const mb = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "?" : `${x.toFixed(0)} MB`);

/** Pair headers of one token as a proxy forwards them (host and URI of the protected request). */
const pairHeaders = (c: Credential): Record<string, string> => ({
  "x-forwarded-host": APP_HOST,
  "x-forwarded-uri": "/",
  "cf-access-client-id": c.id,
  "cf-access-client-secret": c.secret,
});

/** One request, checked: its status, and that `header` is present (and equals `value` when given). The response. */
async function probe(url: string, headers: Record<string, string>, expect: { status: number; header?: string; value?: string }): Promise<Response> {
  const res = await request(url, { headers, timeoutMs: 10_000 });
  if (res.status !== expect.status) throw new Error(`probe of ${url} answered ${res.status}, expected ${expect.status}: ${res.body.slice(0, 200)}`);
  if (expect.header) {
    const raw = res.headers[expect.header];
    const got = Array.isArray(raw) ? raw.join(", ") : raw;
    if (typeof got !== "string" || got === "" || (expect.value !== undefined && got !== expect.value)) {
      throw new Error(`probe of ${url}: header ${expect.header} is ${JSON.stringify(got)?.slice(0, 80)}, expected ${expect.value ?? "a value"}`);
    }
  }
  return res;
}

/**
 * Drives `count` distinct tokens through the endpoint once each, over `concurrency` keep-alive
 * connections, checking every answer; stops at the deadline. Samples the server's RSS meanwhile.
 */
async function driveDistinct(
  baseUrl: string,
  tokens: (i: number) => Credential,
  count: number,
  concurrency: number,
  maxMs: number,
  pid: number | undefined,
): Promise<{ t: Throughput; peakRss: number; stoppedEarly: boolean; firstError?: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(count);
  let next = 0;
  let ok = 0;
  let bad = 0;
  let firstError: string | undefined;
  let peakRss = memoryOf(pid)?.rss ?? Number.NaN;
  const sampler = setInterval(() => {
    const m = memoryOf(pid);
    if (m && !(m.rss <= peakRss)) peakRss = m.rss;
  }, 250);
  const started = performance.now();
  const deadline = started + maxMs;
  const one = (c: Credential) =>
    new Promise<boolean>((resolve) => {
      const req = http.request(`${baseUrl}${VALIDATE_PATH}`, { headers: pairHeaders(c), agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on("end", () => {
          const good = res.statusCode === 200 && typeof res.headers["cf-access-jwt-assertion"] === "string";
          if (!good) firstError ??= `answered ${res.statusCode}`;
          resolve(good);
        });
        res.on("error", () => resolve(false));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (e) => {
        firstError ??= e.message;
        resolve(false);
      });
      req.end();
    });
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const good = await one(tokens(i));
      latencies[i] = performance.now() - t0;
      if (good) ok++;
      else bad++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const m = memoryOf(pid);
  if (m && !(m.rss <= peakRss)) peakRss = m.rss;
  const s = summarize(Array.from(latencies.subarray(0, next)));
  return {
    t: { rps: next / seconds, p50: s.p50, p99: s.p99, total: next, ok, bad, seconds },
    peakRss,
    stoppedEarly: next < count,
    firstError,
  };
}

const BASELINE = "baseline: bare node:http JSON";
const WARM_PAIR = "header pair, warm (one token, repeated)";
const WARM_JWT = "JWT in cf-access-token, warm";
const FLOOR_PAIR = "floor: node:http sending the header pair's answer (same bytes, no logic)";
const FLOOR_JWT = "floor: node:http sending the JWT's answer (same bytes, no logic)";
const FLOOR_SPIN_US = 5;
const FLOOR_PAIR_SPIN = `floor of the header pair's answer after ${FLOOR_SPIN_US} µs of busy work per request`;

/** An answer saved for a replay server to send again (bench/replay-server.mjs); the file's path. */
function recordAnswer(res: Response, file: string): string {
  const kept = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(name)));
  writeFileSync(file, JSON.stringify({ status: res.status, headers: kept, body: res.body }));
  return file;
}

/**
 * What a warm target leaves for the logic: the floor (node:http sending the same answer) as a
 * share of the baseline, and Gatepost as a share of the floor, with the CPU µs/req of each.
 */
function floorFinding(rows: ValidationRow[], f: { floor: string; warm: string; target: number; spun?: string }): string | undefined {
  const [base, floor, warm, spin] = [BASELINE, f.floor, f.warm, f.spun].map((l) => rows.find((r) => r.label === l));
  if (!base?.t || !floor?.t || !warm?.t || floor.cpuUs === undefined || warm.cpuUs === undefined) return undefined;
  const floorRatio = floor.t.rps / base.t.rps;
  const spinText = spin?.t
    ? ` With ${FLOOR_SPIN_US} µs of busy work per request added, the floor does ${(spin.t.rps / base.t.rps).toFixed(2)}× the baseline (${spin.cpuUs?.toFixed(0) ?? "?"} µs/req).`
    : "";
  return (
    `**${f.warm}: the floor of its answer.** node:http sending the same answer with no logic does ${floorRatio.toFixed(2)}× the baseline ` +
    `(${floor.cpuUs.toFixed(0)} CPU µs/req against ${base.cpuUs?.toFixed(0) ?? "?"}); Gatepost does ${(warm.t.rps / floor.t.rps).toFixed(2)}× that floor ` +
    `(${warm.cpuUs.toFixed(0)} µs/req, ${(warm.cpuUs - floor.cpuUs).toFixed(0)} over it). The target of ${f.target}× the baseline is ${(f.target / floorRatio).toFixed(2)}× the floor.${spinText}`
  );
}

const fixed = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function ratioGoal(min: number, t: Throughput | undefined, base: { label: string; rps: number } | undefined): Goal {
  const r = t && base && base.rps > 0 ? t.rps / base.rps : undefined;
  return { text: `≥ ${min}× ${base?.label ?? "baseline"}`, met: r === undefined ? undefined : r >= min, measured: r === undefined ? "n/a" : `${r.toFixed(2)}×` };
}
const p99Goal = (limit: number, t?: Throughput): Goal => ({ text: `p99 ≤ ${limit} ms`, met: t ? t.p99 <= limit : undefined, measured: t ? `p99 ${ms(t.p99)} ms` : "n/a" });
const cleanGoal = (t?: Throughput): Goal => ({ text: "0 non-2xx", met: t ? t.bad === 0 && t.ok > 0 : undefined, measured: t ? `${t.bad} non-2xx/errors` : "n/a" });

/**
 * Runs the whole section. Setup failures (Gatepost, seeding) throw after stopping everything;
 * a case that fails (a probe answers wrong, nginx is missing) becomes a row saying why.
 */
export async function runValidation(settings: ValidationSettings, log: Log): Promise<ValidationResult> {
  const result: ValidationResult = { settings, rows: [], context: [], findings: [], notes: [], stopped: [] };
  const s = settings;
  const dataDir = makeDataDir("gatepost-bench-validate-");
  let gatepost: RunningServer | undefined;
  let baseline: RunningServer | undefined;
  let authOk: RunningServer | undefined;
  let nginx: RunningNginx | undefined;
  let sql: pg.Client | undefined;
  let prisma: PrismaClient | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    const step = async (what: string, fn: () => Promise<string | void>) => {
      try {
        const r = await fn();
        if (r) result.stopped.push(r);
      } catch (e) {
        result.stopped.push(`${what}: stop failed: ${(e as Error).message}`);
      }
    };
    await step("nginx", async () => nginx?.stop());
    await step("auth server", async () => authOk?.stop());
    await step("baseline", async () => baseline?.stop());
    await sql?.end().catch(() => undefined);
    await prisma?.$disconnect().catch(() => undefined);
    await step("gatepost", async () => (gatepost ? `validation server: ${await gatepost.stop()}` : undefined));
    nginx = authOk = baseline = gatepost = undefined;
    if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Bounded in time: every run below has its own bound, and the section as a whole has this one.
  const limitMs = 10 * 60_000 + s.memoryMaxSeconds * 1000;
  const watchdog = setTimeout(() => {
    process.stderr.write(`validation section still running after ${limitMs / 60_000} min: stopping everything\n`);
    void cleanup().finally(() => process.exit(124));
  }, limitMs);
  watchdog.unref();

  const started = Date.now();
  const loadavg = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ");
  const loadBefore = loadavg();
  try {
    const used: number[] = [];
    const port = async () => {
      const p = await benchPort(used);
      used.push(p);
      return p;
    };
    const pgPort = await freePort();
    const probeFile = path.join(dataDir, "memory-probe.json");
    if (s.cpuProfileDir) {
      mkdirSync(s.cpuProfileDir, { recursive: true });
      for (const f of readdirSync(s.cpuProfileDir)) if (f.endsWith(".cpuprofile") || f === "phases.json") rmSync(path.join(s.cpuProfileDir, f));
    }
    const t0 = Date.now();
    gatepost = await startGatepost({
      dataDir,
      port: await port(),
      pgPort,
      adminEmail: "owner@bench.example",
      adminPassword: createHash("sha256").update(dataDir).digest("hex").slice(0, 24),
      logFile: path.join("bench", "results", "server-validation.log"),
      // The memory probe: a preload that answers SIGUSR2 with the heap's numbers (nothing else).
      env: { BENCH_MEMORY_PROBE_FILE: probeFile },
      nodeArgs: ["--expose-gc", "--require", path.resolve("bench", "memory-probe.cjs"), ...(s.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${s.cpuProfileDir}`] : [])],
    });
    log(`validation: Gatepost started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const gp = gatepost;
    const pid = gp.servingPid?.();
    const url = `postgresql://postgres:${readFileSync(path.join(dataDir, "pg-password"), "utf8").trim()}@127.0.0.1:${pgPort}/gatepost`;
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
    prisma = prismaFor(url);
    const db = prisma;

    // One account: token 1 for the warm cases, the next coldTokens for the cold case, the rest for
    // the memory case, so that each case starts from tokens nothing has validated yet.
    const t1 = Date.now();
    const total = 1 + s.coldTokens + s.memoryTokens;
    const account = await onDatabase(db, () => createAccount({ kind: "system", label: "bench" }, { name: "Bench validation" }));
    // Nothing is cached yet, so the change notifications of 100,000 inserted and updated rows would
    // tell the server nothing: switched off for the seeding, on again before anything is validated.
    const quiet = await sql.query("ALTER TABLE service_tokens DISABLE TRIGGER service_tokens_notify").then(
      () => true,
      (e: Error) => (log(`validation: seeding with change notifications (${e.message})`), false),
    );
    // The trigram GIN indexes are kept without pending lists (fastupdate off), which makes every
    // inserted or updated row cost a GIN insertion: pending lists during the seeding, merged and
    // off again before the runs (the state the migrations leave).
    const gin = (
      await sql.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
         WHERE i.indrelid = 'service_tokens'::regclass AND a.amname = 'gin' AND 'fastupdate=off' = ANY (c.reloptions)`,
      )
    ).rows.map((r) => pg.escapeIdentifier(r.name));
    for (const index of gin) await sql.query(`ALTER INDEX ${index} SET (fastupdate = on)`);
    let tInsert = 0;
    let fixedUp: pg.QueryResult;
    try {
      await seedTokens(sql, account.id, total);
      tInsert = Date.now() - t1;
      fixedUp = await sql.query(
        `UPDATE service_tokens SET enabled = true, expires_at = now() + interval '1 year'
         WHERE account_id = $1 AND (NOT enabled OR (expires_at IS NOT NULL AND expires_at < now() + interval '1 day'))`,
        [account.id],
      );
    } finally {
      if (quiet) await sql.query("ALTER TABLE service_tokens ENABLE TRIGGER service_tokens_notify");
      for (const index of gin) {
        await sql.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
        await sql.query(`SELECT gin_clean_pending_list('${index.replace(/'/g, "''")}'::regclass)`);
      }
    }
    const tUpdate = Date.now() - t1 - tInsert;
    await settle(sql);
    const tSettle = Date.now() - t1 - tInsert - tUpdate;
    const stored = await sql.query<{ client_id: string; secret_hash: string }>("SELECT client_id, secret_hash FROM service_tokens WHERE account_id = $1", [account.id]);
    const hashes = new Map(stored.rows.map((r) => [r.client_id, r.secret_hash]));
    const creds = Array.from({ length: total }, (_, i) => credentialsOf(account.id, i + 1));
    const wrong = creds.filter((c) => hashes.get(c.id) !== sha256hex(c.secret)).length;
    if (wrong > 0) throw new Error(`${wrong} of ${total} derived credentials do not match the seeded digests: bench/seed.ts changed how it derives them`);
    const actor = systemActor(account.id);
    const serviceAuth = await onDatabase(db, () => createPolicy(actor, { name: "bench service auth", decision: "non_identity", include: [{ any_valid_service_token: {} }] }));
    const allow = await onDatabase(db, () => createPolicy(actor, { name: "bench allow", decision: "allow", include: [{ email_domain: { domain: "example.com" } }] }));
    const app = await onDatabase(db, () => createApp(actor, { name: "Bench validation", domain: APP_HOST, policies: [serviceAuth.id, allow.id] }));
    log(`validation: seeded ${total.toLocaleString("en-US")} tokens (${fixedUp.rowCount} made valid), one application, in ${((Date.now() - t1) / 1000).toFixed(1)} s (insert ${(tInsert / 1000).toFixed(1)} s, update ${(tUpdate / 1000).toFixed(1)} s, VACUUM ${(tSettle / 1000).toFixed(1)} s)`);

    baseline = await startBaseline(await port());
    const bare = baseline;
    const validateUrl = `${gp.baseUrl}${VALIDATE_PATH}`;
    const warm = creds[0];
    const cold = creds.slice(1, 1 + s.coldTokens);
    const memoryTokens = (i: number) => creds[1 + s.coldTokens + i];

    // Probes: a pair passes with a JWT; that JWT passes; a wrong secret does not (one failure, far
    // below the per-IP limit), so a 200 under load means a validation that took place.
    const admitted = await probe(validateUrl, pairHeaders(warm), { status: 200, header: "cf-access-jwt-assertion" });
    const jwt = admitted.headers["cf-access-jwt-assertion"] as string;
    const jwtHeaders = { "x-forwarded-host": APP_HOST, "x-forwarded-uri": "/", "cf-access-token": jwt };
    const followUp = await probe(validateUrl, jwtHeaders, { status: 200, header: "cf-access-jwt-assertion" });
    // The two warm answers as the probes got them, for the replay servers (the floor of node:http for them).
    const pairAnswer = recordAnswer(admitted, path.join(dataDir, "answer-pair.json"));
    const jwtAnswer = recordAnswer(followUp, path.join(dataDir, "answer-jwt.json"));
    await probe(validateUrl, pairHeaders({ id: warm.id, secret: `${warm.secret}-wrong` }), { status: 401 });
    const rss0 = memoryOf(pid);
    result.context.push(
      `Seeded with bench/seed.ts in one account: ${total.toLocaleString("en-US")} service tokens (1 warm, ${s.coldTokens.toLocaleString("en-US")} cold, ` +
        `${s.memoryTokens.toLocaleString("en-US")} for the memory case), all enabled and unexpired; one application \`${APP_HOST}\` (aud ${app.aud.slice(0, 8)}…) with a Service Auth ` +
        "policy `{\"any_valid_service_token\":{}}` and an allow policy `{\"email_domain\":{\"domain\":\"example.com\"}}` (so JWTs count). Probes before the runs: the pair answers 200 with a JWT, " +
        "that JWT answers 200, a wrong secret answers 401.",
      `Gatepost server process (PID ${pid ?? "?"}): RSS ${mb(rss0?.rss)} after start-up and the probes (peak so far ${mb(rss0?.hwm)}).`,
    );

    // With BENCH_CPU_PROF, when each case ran (CLOCK_MONOTONIC µs, the clock of the profile's
    // timestamps), so that bench/cpu-profile.ts can split the server's profile by case.
    const phases: { label: string; startUs: number; endUs: number }[] = [];
    const nowUs = () => Number(process.hrtime.bigint() / 1000n);
    const phase = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const startUs = nowUs();
      try {
        return await fn();
      } finally {
        phases.push({ label, startUs, endUs: nowUs() });
        if (s.cpuProfileDir) writeFileSync(path.join(s.cpuProfileDir, "phases.json"), `${JSON.stringify({ serverPid: pid, phases }, null, 1)}\n`);
      }
    };
    const load = (target: string, headers: Record<string, string>, extra: Partial<autocannon.Options> & Record<string, unknown> = {}, seconds = s.loadSeconds) => {
      const opts: autocannon.Options = { url: target, headers, duration: seconds, connections: s.connections, ...extra };
      return throughput(opts);
    };
    type Named = { name: string; pid: number };
    const measure = async (label: string, fn: () => Promise<Throughput>, goals: (t: Throughput) => Goal[], base: { label: string; rps: number } | undefined, serving: Named[]) => {
      try {
        const cpu0 = serving.map((p) => cpuSeconds([p.pid]));
        const gp = serving.find((p) => p.name === "Gatepost");
        const threads0 = gp ? threadCpu(gp.pid) : undefined;
        const t = await phase(label, fn);
        const per = (sec: number) => (sec * 1e6) / Math.max(1, t.total);
        const cpuParts = serving.map((p, i) => ({ name: p.name, us: per(cpuSeconds([p.pid]) - cpu0[i]) }));
        const cpuUs = cpuParts.reduce((sum, p) => sum + p.us, 0);
        const gatepostThreads =
          gp && threads0 ? [...threadCpu(gp.pid)].map(([name, sec]) => ({ name, us: per(sec - (threads0.get(name) ?? 0)) })).filter((x) => x.us >= 0.5).sort((a, b) => b.us - a.us) : undefined;
        result.rows.push({ label, t, base, goals: goals(t), cpuUs, cpuParts: cpuParts.length > 1 ? cpuParts : undefined, gatepostThreads });
        log(`validation: ${label}: ${t.rps.toFixed(0)} req/s, p99 ${t.p99} ms, ${t.bad} non-2xx/errors`);
        return t;
      } catch (e) {
        result.rows.push({ label, base, goals: [], missing: `failed: ${short(e)}` });
        log(`validation: ${label} failed: ${(e as Error).message}`);
        return undefined;
      }
    };

    // 1. The floor.
    const gpPids = pid ? [pid] : [];
    const gpNamed: Named[] = pid ? [{ name: "Gatepost", pid }] : [];
    const bareNamed: Named = { name: "node:http app", pid: bare.pid };
    const b = await measure(BASELINE, () => load(`${bare.baseUrl}/`, {}), () => [], undefined, [bareNamed]);
    const direct = b ? { label: "baseline", rps: b.rps } : undefined;

    // 1b. node:http sending Gatepost's own warm answers, same requests, no logic: what the HTTP
    // machinery alone costs for these answers, so that the rows below show what the logic adds.
    // And the pair's floor after 5 µs of busy work per request: what a little logic costs here.
    const floors: { label: string; answer: string; headers: Record<string, string>; spinUs?: number }[] = [
      { label: FLOOR_PAIR, answer: pairAnswer, headers: pairHeaders(warm) },
      { label: FLOOR_PAIR_SPIN, answer: pairAnswer, headers: pairHeaders(warm), spinUs: FLOOR_SPIN_US },
      { label: FLOOR_JWT, answer: jwtAnswer, headers: jwtHeaders },
    ];
    for (const f of floors) {
      const replay = await startBaseline(await port(), "replay-server.mjs", [f.answer, ...(f.spinUs ? [String(f.spinUs)] : [])]);
      try {
        await load(`${replay.baseUrl}${VALIDATE_PATH}`, f.headers, {}, 1);
        await measure(f.label, () => load(`${replay.baseUrl}${VALIDATE_PATH}`, f.headers), () => [], direct, [{ name: "replay", pid: replay.pid }]);
      } finally {
        result.stopped.push(await replay.stop());
      }
    }

    // 2. Header pair, one token, warm (a discarded second first: JIT and connections).
    await load(validateUrl, pairHeaders(warm), {}, 1);
    await measure(WARM_PAIR, () => load(validateUrl, pairHeaders(warm)), (t) => [ratioGoal(0.5, t, direct), p99Goal(10, t), cleanGoal(t)], direct, gpNamed);

    // 3. The JWT follow-up, warm.
    await load(validateUrl, jwtHeaders, {}, 1);
    await measure(WARM_JWT, () => load(validateUrl, jwtHeaders), (t) => [ratioGoal(0.7, t, direct), cleanGoal(t)], direct, gpNamed);
    for (const f of [
      { floor: FLOOR_PAIR, warm: WARM_PAIR, target: 0.5, spun: FLOOR_PAIR_SPIN },
      { floor: FLOOR_JWT, warm: WARM_JWT, target: 0.7 },
    ]) {
      const finding = floorFinding(result.rows, f);
      if (finding) result.findings.push(finding);
    }

    // 4. Cold: 10,000 tokens nothing has validated, round robin over all connections (one counter
    // shared by every connection, so each request names the next token).
    let turn = 0;
    const coldRequest = {
      setupRequest: (req: { headers?: Record<string, string> }) => {
        const c = cold[turn++ % cold.length];
        return { ...req, headers: { ...req.headers, "cf-access-client-id": c.id, "cf-access-client-secret": c.secret } };
      },
    };
    // 4a. First uses: every request a token nothing has validated yet (a database read and an RSA
    // signature each). Reported; no target can hold here, two cores sign about 3,000 JWTs a second.
    const coldT = await measure(
      `cold, first use: ${s.coldTokens.toLocaleString("en-US")} distinct tokens, round robin`,
      () => load(validateUrl, { "x-forwarded-host": APP_HOST, "x-forwarded-uri": "/" }, { requests: [coldRequest] }),
      (t) => [cleanGoal(t)],
      direct,
      gpNamed,
    );
    // 4b. The same 10,000 tokens round robin once each has been seen: a working set of 10,000
    // tokens and JWTs, none hot in the CPU's caches. The target of the cold path applies here.
    const primed = await driveDistinct(gp.baseUrl, (i) => cold[i], cold.length, 16, 120_000, pid);
    log(`validation: primed ${primed.t.total} cold tokens`);
    await measure(
      `cold, primed: ${s.coldTokens.toLocaleString("en-US")} distinct tokens, round robin after one pass`,
      () => load(validateUrl, { "x-forwarded-host": APP_HOST, "x-forwarded-uri": "/" }, { requests: [coldRequest] }),
      (t) => [ratioGoal(0.2, t, direct), cleanGoal(t)],
      direct,
      gpNamed,
    );
    if (coldT) {
      const firstUses = Math.min(turn, s.coldTokens);
      result.notes.push(
        `Cold case: about ${turn.toLocaleString("en-US")} requests sent, ${firstUses.toLocaleString("en-US")} of them the first use of their token ` +
          `(a database read and a newly signed JWT each)${turn > s.coldTokens ? `; the other ${(turn - s.coldTokens).toLocaleString("en-US")} came round again and were served from the caches` : ": every request was cold"}.`,
      );
    }

    const cpuOf = (label: string) => result.rows.find((r) => r.label === label)?.cpuParts?.find((p) => p.name === "Gatepost")?.us.toFixed(0) ?? "?";

    // 6. nginx with the README's block: in front of an always-200 auth server (nginx's own cost of
    // auth_request) and of Gatepost, with the block's upstream keepalive and without it. One nginx,
    // one server block per configuration.
    const readme = readmeNginxBlock();
    const keepaliveN = "block" in readme ? (/^\s*keepalive\s+(\d+);/m.exec(readme.block)?.[1] ?? "?") : "?";
    const nginxRows = [
      "nginx alone → node:http (proxied as the README's block does)",
      `nginx, README block → always-200 auth server (keepalive ${keepaliveN}, as in the README)`,
      `nginx, README block → Gatepost (keepalive ${keepaliveN}, as in the README)`,
      "nginx, README block without its keepalive line → always-200 auth server",
      "nginx, README block without its keepalive line → Gatepost",
      "(variant) nginx, README block without `proxy_method HEAD` (GET subrequests) → Gatepost",
    ];
    const problem = nginxProblem() ?? ("problem" in readme ? readme.problem : null);
    if (problem || !("block" in readme)) {
      for (const label of nginxRows) result.rows.push({ label, goals: [], missing: `skipped: ${problem}` });
    } else {
      try {
        authOk = await startBaseline(await port(), "auth-ok-server.mjs");
        const okAddr = `127.0.0.1:${new URL(authOk.baseUrl).port}`;
        const gpAddr = `127.0.0.1:${new URL(gp.baseUrl).port}`;
        const appAddr = `127.0.0.1:${new URL(bare.baseUrl).port}`;
        let n = 0;
        const site = async (name: string, auth: string | null, variant: { keepalive: boolean; head?: boolean } = { keepalive: true }): Promise<NginxSite> => {
          const listen = await port();
          const config = auth ? renderReadmeSite(readme.block, { listen, auth, app: appAddr, upstreamName: `gatepost_${++n}`, ...variant }) : plainSite(listen, appAddr);
          return { name, port: listen, config };
        };
        const sites = {
          alone: await site(nginxRows[0], null),
          okKa: await site(nginxRows[1], okAddr),
          gpKa: await site(nginxRows[2], gpAddr),
          okNo: await site(nginxRows[3], okAddr, { keepalive: false }),
          gpNo: await site(nginxRows[4], gpAddr, { keepalive: false }),
          gpGet: await site(nginxRows[5], gpAddr, { keepalive: true, head: false }),
        };
        nginx = await startNginx(Object.values(sites), path.join("bench", "results", "nginx-error.log"));
        result.context.push(
          `nginx ${nginxVersion()} (/usr/sbin/nginx), one worker, access log off, on loopback with its own prefix folder, serving the nginx block of README.md's ` +
            `"Protecting an application" section (read from the README at run time, as tests/validation/nginx.test.ts does) with this machine's addresses: ` +
            "the node:http baseline as the application, Gatepost or the always-200 server (bench/auth-ok-server.mjs: empty body, Gatepost's headers) as the auth server.",
        );
        const at = (x: NginxSite) => `http://127.0.0.1:${x.port}/`;
        // The Host nginx sees is the application's ($host → X-Forwarded-Host).
        const viaNginx = { host: APP_HOST, "cf-access-client-id": warm.id, "cf-access-client-secret": warm.secret };
        // The README's block hands Gatepost's CF_Authorization cookie to the client: proof that the
        // auth server's answer went through auth_request_set.
        const admittedVia = { status: 200, header: "set-cookie" } as const;
        await probe(at(sites.alone), { host: APP_HOST }, { status: 200 });
        for (const x of [sites.okKa, sites.okNo, sites.gpKa, sites.gpNo, sites.gpGet]) {
          const h = (await probe(at(x), viaNginx, admittedVia)).headers;
          if (!String(h["set-cookie"]).includes("CF_Authorization=")) throw new Error(`${x.name}: no CF_Authorization cookie passed on`);
        }
        await probe(at(sites.gpKa), { host: APP_HOST }, { status: 401 });

        const ng: Named[] = nginx.workerPids.map((w) => ({ name: "nginx", pid: w }));
        const okPids = [...ng, { name: "always-200", pid: authOk.pid }, bareNamed];
        const viaGp = [...ng, ...gpNamed, bareNamed];
        const a = await measure(nginxRows[0], () => load(at(sites.alone), { host: APP_HOST }), () => [], direct, [...ng, bareNamed]);
        const aloneBase = a ? { label: "nginx alone", rps: a.rps } : undefined;
        const okKa = await measure(nginxRows[1], () => load(at(sites.okKa), viaNginx), () => [], aloneBase, okPids);
        const okKaBase = okKa ? { label: "always-200, keepalive", rps: okKa.rps } : undefined;
        const gpKa = await measure(nginxRows[2], () => load(at(sites.gpKa), viaNginx), (t) => [ratioGoal(0.5, t, okKaBase), cleanGoal(t)], okKaBase, viaGp);
        const okNo = await measure(nginxRows[3], () => load(at(sites.okNo), viaNginx), () => [], aloneBase, okPids);
        const okNoBase = okNo ? { label: "always-200, no keepalive", rps: okNo.rps } : undefined;
        const gpNo = await measure(nginxRows[4], () => load(at(sites.gpNo), viaNginx), (t) => [ratioGoal(0.5, t, okNoBase), cleanGoal(t)], okNoBase, viaGp);
        const gpGet = await measure(nginxRows[5], () => load(at(sites.gpGet), viaNginx), () => [], okKaBase, viaGp);
        if (gpKa && gpNo) {
          const better = gpKa.rps >= gpNo.rps ? "with" : "without";
          const r = better === "with" ? gpKa.rps / gpNo.rps : gpNo.rps / gpKa.rps;
          const okSide = okKa && okNo ? ` With the always-200 server (empty body) the pool pays: ${okKa.rps.toFixed(0)} req/s with it, ${okNo.rps.toFixed(0)} without.` : "";
          result.findings.push(
            `**Keepalive for the auth subrequest: better ${better} it, with Gatepost as it answers today.** nginx → Gatepost answers ${gpKa.rps.toFixed(0)} req/s ` +
              `with the README's \`keepalive ${keepaliveN}\` and ${gpNo.rps.toFixed(0)} req/s without it (${r.toFixed(2)}×; p99 ${gpKa.p99} vs ${gpNo.p99} ms; ` +
              `Gatepost CPU ${cpuOf(nginxRows[2])} vs ${cpuOf(nginxRows[4])} µs/req).${okSide}`,
          );
        }
        if (gpKa && gpGet) {
          result.findings.push(
            `**\`proxy_method HEAD\` is what keeps the pool.** nginx reuses an auth_request upstream connection only when the answer has no body ` +
              "(it reads only the headers of a subrequest); Gatepost answers HEAD without one. The README's block (HEAD) answered " +
              `${gpKa.rps.toFixed(0)} req/s, the same block with GET subrequests ${gpGet.rps.toFixed(0)} (${(gpKa.rps / gpGet.rps).toFixed(2)}×), Gatepost CPU ` +
              `${cpuOf(nginxRows[2])} against ${cpuOf(nginxRows[5])} µs/req.`,
          );
        }
      } catch (e) {
        const done = new Set(result.rows.map((r) => r.label));
        for (const label of nginxRows) if (!done.has(label)) result.rows.push({ label, goals: [], missing: `failed: ${short(e)}` });
        log(`validation: nginx cases failed: ${(e as Error).message}`);
      } finally {
        if (nginx) result.stopped.push(await nginx.stop());
        if (authOk) result.stopped.push(await authOk.stop());
        nginx = authOk = undefined;
      }
    }

    // 5. Memory: every token of the memory set validated once, then the server's RSS. Last, so that
    // its 100,000 cached tokens and JWTs do not weigh on the runs above.
    await sleep(1000);
    const before = memoryOf(pid);
    const probeBefore = await memoryProbe(pid, probeFile);
    const collectedBefore = memoryOf(pid);
    log(`validation: memory case: ${s.memoryTokens.toLocaleString("en-US")} distinct tokens over ${s.memoryConcurrency} keep-alive connections (at most ${s.memoryMaxSeconds} s) ...`);
    const memLabel = `memory: ${s.memoryTokens.toLocaleString("en-US")} distinct tokens once each (${s.memoryConcurrency} keep-alive connections)`;
    try {
      const memCpu0 = cpuSeconds(gpPids);
      const run = await phase(memLabel, () => driveDistinct(gp.baseUrl, memoryTokens, s.memoryTokens, s.memoryConcurrency, s.memoryMaxSeconds * 1000, pid));
      const after = memoryOf(pid);
      await sleep(2000);
      const settled = memoryOf(pid);
      const probeAfter = await memoryProbe(pid, probeFile);
      const collectedAfter = memoryOf(pid);
      const start = collectedBefore ?? before;
      const rssGoal: Goal = {
        text: `RSS ≤ 400 MB after ${s.memoryTokens.toLocaleString("en-US")} tokens`,
        met: after === undefined || run.stoppedEarly ? undefined : after.rss <= 400,
        measured: `RSS ${mb(start?.rss)} before → ${mb(after?.rss)} after (peak ${mb(run.peakRss)})`,
      };
      if (run.stoppedEarly) rssGoal.measured += `; stopped at the ${s.memoryMaxSeconds} s bound after ${run.t.total.toLocaleString("en-US")} tokens`;
      const memCpuUs = ((cpuSeconds(gpPids) - memCpu0) * 1e6) / Math.max(1, run.t.total);
      result.rows.push({ label: memLabel, t: run.t, goals: [rssGoal, cleanGoal(run.t)], cpuUs: memCpuUs });
      result.notes.push(
        `Memory case: RSS of the Gatepost server process (VmRSS of /proc/${pid}/status) ${mb(before?.rss)} after the runs above, ${mb(collectedBefore?.rss)} after a full GC (the "before"), ${mb(after?.rss)} right after ` +
          `${run.t.total.toLocaleString("en-US")} distinct tokens were validated (${run.t.rps.toFixed(0)} tokens/s), ${mb(settled?.rss)} 2 s later; ` +
          `highest sample during the run ${mb(run.peakRss)}, peak of the process's life (VmHWM) ${mb(settled?.hwm)}.` +
          (run.firstError ? ` First failure: ${run.firstError}.` : ""),
      );
      if (probeBefore && probeAfter) {
        const live = (p: Probe) => p.collected ?? p.found;
        const grew = live(probeAfter).heapUsed - live(probeBefore).heapUsed;
        const bufs = live(probeAfter).arrayBuffers - live(probeBefore).arrayBuffers;
        result.notes.push(
          `Where the memory is (bench/memory-probe.cjs in the server): before the memory case ${probeText(probeBefore.found)}; after a full GC ${probeText(probeBefore.collected)}, ` +
            `RSS ${mb(collectedBefore?.rss)}. After it: ${probeText(probeAfter.found)}; after a full GC ${probeText(probeAfter.collected)}, RSS ${mb(collectedAfter?.rss)}. ` +
            `Live growth: JS heap ${grew.toFixed(0)} MB and Buffers ${bufs.toFixed(0)} MB for ${run.t.total.toLocaleString("en-US")} tokens, ` +
            `about ${((1024 * (grew + bufs)) / Math.max(1, run.t.total)).toFixed(1)} KB per token validated.`,
        );
      } else {
        result.notes.push("The memory probe did not answer: no heap breakdown.");
      }
      log(`validation: memory: RSS ${mb(before?.rss)} → ${mb(after?.rss)}, ${run.t.rps.toFixed(0)} tokens/s`);
    } catch (e) {
      result.rows.push({ label: memLabel, goals: [], missing: `failed: ${short(e)}` });
    }
  } finally {
    clearTimeout(watchdog);
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  result.context.push(`Machine load average (1/5/15 min) before the section: ${loadBefore}, after: ${loadavg()}; the section took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (s.cpuProfileDir) result.notes.push(`CPU profile of the Gatepost server written to ${s.cpuProfileDir}; \`npx tsx bench/cpu-profile.ts\` lists the busiest functions per case (or open the file in Chrome DevTools).`);
  return result;
}

function resultCell(r: ValidationRow): string {
  if (r.missing) return r.missing;
  if (r.goals.length === 0) return "—";
  const missed = r.goals.filter((g) => g.met === false);
  const unknown = r.goals.filter((g) => g.met === undefined);
  if (missed.length) return `❌ missed: ${missed.map((g) => g.measured).join("; ")}`;
  if (unknown.length) return `— not judged: ${unknown.map((g) => g.measured).join("; ")}`;
  return "✅ met";
}

export function renderValidation(v: ValidationResult): string {
  const s = v.settings;
  const lines = ["### Validation: /cdn-cgi/access/validate", "", ...v.context.map((c) => `- ${c}`), ""];
  lines.push(
    `| Case | req/s | ratio | p50 ms | p99 ms | 2xx | non-2xx/errors | CPU µs/req | Target | Result |`,
    "|---|---:|---|---:|---:|---:|---:|---:|---|---|",
  );
  // The memory case runs last (its cached tokens would weigh on the others) but reads best after the cold case.
  const rows = [...v.rows];
  const mem = rows.findIndex((r) => r.label.startsWith("memory"));
  const cold = rows.findLastIndex((r) => r.label.startsWith("cold"));
  if (mem > cold && cold !== -1) rows.splice(cold + 1, 0, ...rows.splice(mem, 1));
  for (const r of rows) {
    const target = r.goals.length ? r.goals.map((g) => g.text).join(", ") : "—";
    if (!r.t) {
      lines.push(`| ${r.label} | — | — | — | — | — | — | — | ${target} | ${resultCell(r)} |`);
      continue;
    }
    const ratio = r.base && r.base.rps > 0 ? `${(r.t.rps / r.base.rps).toFixed(2)}× ${r.base.label}` : "—";
    const rss = r.goals.find((g) => g.text.startsWith("RSS"));
    const extra = rss && rss.met !== false ? rss : undefined;
    lines.push(
      `| ${r.label} | ${fixed(r.t.rps)} | ${ratio} | ${ms(r.t.p50)} | ${ms(r.t.p99)} | ${r.t.ok} | ${r.t.bad} | ${r.cpuUs !== undefined && Number.isFinite(r.cpuUs) ? r.cpuUs.toFixed(0) : "?"} | ${target} | ${resultCell(r)}${extra ? ` (${extra.measured})` : ""} |`,
    );
  }
  lines.push("");
  const parts = rows.filter((r) => r.cpuParts);
  if (parts.length) {
    lines.push(
      `CPU µs/req by process: ${parts.map((r) => `${r.label}: ${r.cpuParts!.map((p) => `${p.name} ${p.us.toFixed(0)}`).join(" + ")}`).join("; ")}.`,
      "",
    );
  }
  const threads = rows.filter((r) => r.gatepostThreads?.length);
  if (threads.length) {
    lines.push(
      `Gatepost CPU µs/req by thread (the main thread runs the event loop; the others are V8's GC and compiler helpers and libuv's threadpool, where crypto.subtle signs): ${threads
        .map((r) => `${r.label}: ${r.gatepostThreads!.map((x) => `${x.name} ${x.us.toFixed(0)}`).join(", ")}`)
        .join("; ")}.`,
      "",
    );
  }
  for (const f of v.findings) lines.push(f, "");
  lines.push(
    "**Method.** One Gatepost server started as `npm start` does (server.ts from source, node with the tsx loader, the `.next-bench` build, its own embedded PostgreSQL in a fresh DATA_DIR, " +
      "127.0.0.1 only), the bare `node:http` baseline (bench/baseline-server.mjs), the floors (bench/replay-server.mjs: node:http sending an answer Gatepost gave a probe, " +
      "headers and body as recorded, to every request: what node:http alone costs for that answer) and the always-200 auth server (bench/auth-ok-server.mjs), each its own process, and " +
      "for the forward-auth rows Debian's nginx with one worker. Every run is autocannon from the bench process on the same 2 cores, " +
      `${s.connections} connections for ${s.loadSeconds} s (BENCH_LOAD_SECONDS), and each ratio divides by a run of the same length in the same section. ` +
      "Requests carry what a proxy forwards: X-Forwarded-Host of the application, X-Forwarded-Uri `/`, and the credentials. Warm: one token's pair repeated (after a " +
      "discarded 1 s run), then the JWT that pair was given, in `cf-access-token` (also after a discarded 1 s run). Cold: the next " +
      `${s.coldTokens.toLocaleString("en-US")} tokens, one shared counter handing each request the next token (each first use reads the database and signs a JWT). ` +
      "nginx: one server block per configuration, each the README's nginx block (auth_request to an internal location with `proxy_pass_request_body off`, " +
      "`Content-Length \"\"`, X-Forwarded-Host `$host`, X-Forwarded-Uri `$request_uri`, X-Forwarded-For `$remote_addr`, HTTP/1.1 with `Connection \"\"`, " +
      "`auth_request_set` of the JWT, client id and cookie, an `upstream` with `keepalive`; the application proxied without keepalive); \"without its keepalive line\" " +
      "is that block minus the upstream's `keepalive` (a connection per subrequest); the variant adds `proxy_method HEAD;` to the subrequest. " +
      "Gatepost behind nginx is compared with the always-200 server behind the same configuration, which is nginx's own cost of auth_request. Memory: after the runs above, the next " +
      `${s.memoryTokens.toLocaleString("en-US")} tokens validated once each over ${s.memoryConcurrency} keep-alive connections (every answer checked for 200 and a JWT), ` +
      "then VmRSS of the server process. CPU µs/req: user + system time, every thread (/proc/<pid>/stat), of the processes " +
      "that answer — the baseline; Gatepost; nginx's worker plus its auth server plus the node:http application — divided by the answers counted; steadier than " +
      "req/s on a shared machine, because other work takes cores from the servers but does not add to their CPU time. Before the runs, probes check that a pair gets a JWT, the JWT passes, a wrong secret is refused, " +
      "and that nginx refuses a request without credentials and passes on the auth server's CF_Authorization cookie (so auth_request_set saw its answer); autocannon then counts every non-2xx answer. Targets are reported, not enforced.",
    "",
  );
  if (v.notes.length) lines.push(...v.notes.map((n) => `- ${n}`), "");
  if (v.stopped.length) lines.push(`Shut-down (validation): ${v.stopped.join("; ")}.`, "");
  return lines.join("\n");
}
