// `npx tsx bench/cpu-profile.ts [dir]`: the busiest functions of the Gatepost server's CPU profile,
// split by the validation cases that ran (BENCH_CPU_PROF=1 writes the profile and phases.json into
// bench/results/cpu-prof). Self time per function, and total time (self plus callees) for the
// project's own functions, per case.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = path.resolve(process.argv[2] ?? path.join("bench", "results", "cpu-prof"));
const phasesFile = path.join(dir, "phases.json");
if (!existsSync(phasesFile)) throw new Error(`${phasesFile} not found: run the bench with BENCH_CPU_PROF=1 first`);
const { serverPid, phases } = JSON.parse(readFileSync(phasesFile, "utf8")) as { serverPid: number; phases: { label: string; startUs: number; endUs: number }[] };
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile") && f.split(".").includes(String(serverPid)));
if (!file) throw new Error(`no profile of PID ${serverPid} in ${dir} (it is written when the server exits)`);
const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;

const root = process.cwd();
const where = (f: CallFrame) => {
  const url = f.url.replace(/^file:\/\//, "").replace(`${root}/`, "");
  return url ? `${url}:${f.lineNumber + 1}` : "(native)";
};
const keyOf = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${where(f)}`;
const parent = new Map<number, number>();
const byId = new Map<number, ProfileNode>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}
/** node_modules/<package>, node:<module>, a project folder, or the native bucket (idle, GC, syscalls). */
function packageOf(f: CallFrame): string {
  const w = where(f);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(w);
  if (nm) return nm[1];
  if (w.startsWith("node:")) return "node";
  if (w === "(native)") return f.functionName.startsWith("(") ? f.functionName : "native";
  return w.split("/")[0].replace(/:\d+$/, "");
}
const own = (f: CallFrame) => /^(lib|server\.ts|app|bench)\b/.test(where(f));

function report(label: string, from: number, to: number): void {
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const total = new Map<string, number>();
  let t = profile.startTime;
  let all = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i])!;
    all += dt;
    const name = node.callFrame.functionName;
    if (name === "(idle)" || name === "(program)") idle += name === "(idle)" ? dt : 0;
    self.set(keyOf(node.callFrame), (self.get(keyOf(node.callFrame)) ?? 0) + dt);
    const pkg = packageOf(node.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!own(f)) continue;
      const k = keyOf(f);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  if (all === 0) return;
  const pct = (x: number) => `${((100 * x) / all).toFixed(1).padStart(5)}%`;
  console.log(`\n## ${label}: ${(all / 1e6).toFixed(1)} s sampled, ${pct(all - idle).trim()} busy`);
  console.log("self time:");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP) || 20)) console.log(`  ${pct(v)}  ${k}`);
  console.log(`self time by package: ${[...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${pct(v).trim()}`).join(", ")}`);
  console.log("total time, project functions:");
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(v)}  ${k}`);
}

console.log(`profile ${file}`);
for (const p of phases) report(p.label, p.startUs, p.endUs);
