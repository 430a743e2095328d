import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { formatCountdown, formatDate, formatDateTime, formatTimestamp } from "@/components/ui/format";

// The cells the tables share, as `cell` renderers of a column: `col.accessor("expiresAt", { cell: dateCell("Never") })`.

type Cell<T> = (info: { getValue: () => T }) => React.ReactNode;

/** A date ("Nov 28, 2026", the time in its title), or `empty` when there is none. */
export const dateCell =
  (empty = "—"): Cell<Date | null> =>
  ({ getValue }) => {
    const value = getValue();
    if (!value) return <span className="text-zinc-400">{empty}</span>;
    return (
      <time dateTime={value.toISOString()} title={formatDateTime(value)} className="whitespace-nowrap">
        {formatDate(value)}
      </time>
    );
  };

const TWO_DAYS_MS = 2 * 86_400_000;

/**
 * An expiry: a date, but within two days of `now` (the page's clock, so that the server and the
 * browser render the same) to the minute: "in 2 h 45 min" over the moment, or the moment itself
 * once past. `empty` when there is none.
 */
export const expiryCell =
  (now: Date, empty = "—"): Cell<Date | null> =>
  ({ getValue }) => {
    const value = getValue();
    if (!value) return <span className="text-zinc-400">{empty}</span>;
    const left = value.getTime() - now.getTime();
    if (Math.abs(left) >= TWO_DAYS_MS) return dateCell(empty)({ getValue });
    return (
      <time dateTime={value.toISOString()} title={formatTimestamp(value)} className="grid text-xs whitespace-nowrap">
        {left > 0 ? <span className="text-sm font-medium text-amber-700">{formatCountdown(value, now)}</span> : null}
        <span className={left > 0 ? "text-zinc-500" : "text-zinc-700"}>{formatDateTime(value)}</span>
      </time>
    );
  };

/** A log's moment on two lines, the date over the time of day (`time`: with or without seconds). */
export const momentCell =
  (time: (d: Date) => string): Cell<Date> =>
  ({ getValue }) => {
    const value = getValue();
    return (
      <time dateTime={value.toISOString()} title={formatTimestamp(value)} className="grid text-xs whitespace-nowrap text-zinc-700">
        <span>{formatDate(value)}</span>
        <span className="text-zinc-500">{time(value)}</span>
      </time>
    );
  };

/** Text cut with an ellipsis at the width `className` gives it, the whole of it in its title; `mono` for codes and domains. */
export const truncatedCell =
  (className: string, { mono = false } = {}): Cell<string> =>
  ({ getValue }) => {
    const value = getValue();
    const Tag = mono ? "code" : "span";
    return (
      <Tag className={cn("block truncate", mono && "font-mono text-xs text-zinc-700", className)} title={value}>
        {value}
      </Tag>
    );
  };

/**
 * A link whose text is cut with an ellipsis (the whole of it in its title, for a pointer), and shown
 * whole, wrapped anywhere, while it has keyboard focus: a title is out of a keyboard's reach.
 */
export const TRUNCATED_LINK =
  "truncate text-blue-700 outline-none hover:underline focus-visible:rounded-sm focus-visible:whitespace-normal focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:[overflow-wrap:anywhere]";

/** A row's name, linking to its page. */
export function NameLink({ href, name, className }: { href: string; name: string; className?: string }) {
  return (
    <Link href={href} className={cn("block font-medium", TRUNCATED_LINK, className)} title={name}>
      {name}
    </Link>
  );
}
