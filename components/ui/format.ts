// Date formatting that renders the same on the server and in the browser (no locale or time-zone
// dependence, so no hydration mismatch). Times are UTC, as everywhere in Gatepost.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "Nov 28, 2026" */
export function formatDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** "14:03 UTC" */
export function formatTime(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "Nov 28, 2026, 14:03 UTC" */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)}, ${formatTime(d)}`;
}

/** "Nov 28, 2026, 14:03:09 UTC" */
export function formatTimestamp(d: Date): string {
  return `${formatDate(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

const UNITS: [limitSeconds: number, unitSeconds: number, name: string][] = [
  [60, 1, "second"],
  [3600, 60, "minute"],
  [86400, 3600, "hour"],
  [86400 * 30, 86400, "day"],
  [86400 * 365, 86400 * 30, "month"],
  [Infinity, 86400 * 365, "year"],
];

/** "3 hours ago", "in 5 days", "just now". */
export function formatRelative(d: Date, now: Date): string {
  const diff = Math.round((d.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  const [, unit, name] = UNITS.find(([limit]) => abs < limit)!;
  const n = Math.max(1, Math.round(abs / unit));
  const phrase = `${n} ${name}${n === 1 ? "" : "s"}`;
  return diff < 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** "in 2 h 45 min", "in 1 d 3 h", "in 12 min", "in less than a minute": how long until `d`, to the minute. */
export function formatCountdown(d: Date, now: Date): string {
  const minutes = Math.floor((d.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return "in less than a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `in ${days} d${hours ? ` ${hours} h` : ""}`;
  if (hours > 0) return `in ${hours} h${mins ? ` ${mins} min` : ""}`;
  return `in ${mins} min`;
}
