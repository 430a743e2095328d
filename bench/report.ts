import type { Throughput } from "./http";
import type { Explained } from "./query";
import { ms, ratio, type Summary } from "./stats";

// The results as markdown: a table to paste in the README, the targets met or missed, the method,
// and the query plans behind the data-query numbers.

export interface Row {
  label: string;
  s: Summary | undefined;
  /** The floor the row is compared with (same group, same run). */
  floor?: Summary;
}

export interface Target {
  label: string;
  limit: number;
  value: number | undefined;
  unit: "ms" | "×";
  /** Shown next to the value, e.g. the p50 ratio that puts a noisy p95 ratio in context. */
  aside?: string;
  /** Why there is no value (e.g. the route does not exist yet). */
  missing?: string;
}

export interface Report {
  title: string;
  context: string[];
  /** Shown above the targets, e.g. a warning that the machine was busy. */
  warning?: string;
  method: string;
  sections: { heading: string; note?: string; rows: Row[]; floorLabel: string }[];
  loads: { label: string; t: Throughput | undefined; note?: string }[];
  targets: Target[];
  /** Pre-rendered markdown blocks, after the throughput table. */
  extra: string[];
  notes: string[];
  plans: Explained[];
}

function rowTable(rows: Row[], floorLabel: string): string[] {
  const out = [`| Case | n | p50 ms | p95 ms | p99 ms | p95 ÷ ${floorLabel} |`, "|---|---:|---:|---:|---:|---:|"];
  for (const r of rows) {
    if (!r.s) continue;
    out.push(`| ${r.label} | ${r.s.n} | ${ms(r.s.p50)} | ${ms(r.s.p95)} | ${ms(r.s.p99)} | ${r.floor ? ratio(r.s.p95, r.floor.p95) : "—"} |`);
  }
  return out;
}

export function targetLine(t: Target): string {
  if (t.value === undefined || !Number.isFinite(t.value)) return `| ${t.label} | ${t.unit === "ms" ? `≤ ${t.limit} ms` : `≤ ${t.limit}`} | — | not measured: ${t.missing ?? "no data"} |`;
  const shown = (t.unit === "ms" ? `${ms(t.value)} ms` : t.value.toFixed(2)) + (t.aside ? ` (${t.aside})` : "");
  return `| ${t.label} | ${t.unit === "ms" ? `≤ ${t.limit} ms` : `≤ ${t.limit}`} | ${shown} | ${t.value <= t.limit ? "✅ met" : "❌ missed"} |`;
}

export function renderMarkdown(r: Report): string {
  const lines: string[] = [`## ${r.title}`, "", ...r.context.map((c) => `- ${c}`), ""];
  lines.push("### Targets", "");
  if (r.warning) lines.push(`> ⚠ ${r.warning}`, "");
  lines.push("| Target | Limit | Measured | Result |", "|---|---|---:|---|", ...r.targets.map(targetLine), "");
  for (const s of r.sections) {
    lines.push(`### ${s.heading}`, "");
    if (s.note) lines.push(s.note, "");
    lines.push(...rowTable(s.rows, s.floorLabel), "");
  }
  lines.push("### Throughput (autocannon, 10 connections)", "", "| Run | s | req/s | p50 ms | p99 ms | 2xx | non-2xx/errors |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const l of r.loads) {
    if (!l.t) {
      lines.push(`| ${l.label} | — | — | — | — | — | ${l.note ?? "skipped"} |`);
      continue;
    }
    lines.push(`| ${l.label} | ${l.t.seconds.toFixed(0)} | ${l.t.rps.toFixed(0)} | ${l.t.p50} | ${l.t.p99} | ${l.t.ok} | ${l.t.bad} |`);
  }
  lines.push("");
  for (const block of r.extra) lines.push(block, "");
  lines.push("### Method", "", r.method, "");
  if (r.notes.length) lines.push("### Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  if (r.plans.length) {
    lines.push("### Query plans (100k account, EXPLAIN (ANALYZE, BUFFERS) of the SQL Prisma sends)", "");
    for (const p of r.plans) {
      lines.push(`**${p.caseKey}**: ${p.findings.length ? `⚠ ${p.findings.join("; ")}` : "index-driven, reads about one page of rows"}`, "");
      lines.push("```sql", p.sql, "```", "```", p.plan, "```", "");
    }
  }
  return lines.join("\n");
}
