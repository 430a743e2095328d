import { CopyButton } from "./copy-button";
import { formatDateTime, formatRelative } from "./format";

// The field list of a detail page (token, application): a responsive <dl> grid of labelled values.

/** A date with its distance from `now`, or `empty` when there is none. */
export function When({ date, now, empty = "Never" }: { date: Date | null; now: Date; empty?: string }) {
  if (!date) return <span className="text-zinc-500">{empty}</span>;
  return (
    <span>
      <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>
      <span className="ml-2 text-zinc-500">({formatRelative(date, now)})</span>
    </span>
  );
}

/** One labelled value; `wide` spans two columns. A long value (a 255-character name) wraps anywhere. */
export function DetailItem({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "min-w-0 sm:col-span-2" : "min-w-0"}>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm [overflow-wrap:anywhere] text-zinc-900">{children}</dd>
    </div>
  );
}

/** A duration as its preset's label ("1 year"), with the Go duration beside it when they differ. */
export function DurationValue({ label, value }: { label: string; value: string }) {
  return (
    <>
      {label}
      {label !== value ? <span className="ml-2 font-mono text-xs text-zinc-500">{value}</span> : null}
    </>
  );
}

/** A value to copy (a Client ID, a domain), in monospace with its copy button. */
export function CopyableCode({ value, copyLabel, className = "text-[13px]" }: { value: string; copyLabel: string; className?: string }) {
  return (
    <span className="flex items-center gap-1">
      <code className={`font-mono break-all ${className}`}>{value}</code>
      <CopyButton value={value} label={copyLabel} />
    </span>
  );
}
