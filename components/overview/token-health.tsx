import { Ban, CalendarClock, CalendarX, Hourglass, Infinity as InfinityIcon, KeyRound, MoonStar, SearchX, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ServiceTokenHealth, TokenFilter } from "@/lib/service-tokens/filters";
import { TOKEN_FILTER_LABELS } from "@/components/service-tokens/list-options";
import { cn } from "@/components/ui/cn";

// The Overview's tiles: one count of serviceTokenHealth each, linking to the Service Tokens list
// filtered to exactly those tokens (?status=, lib/service-tokens/filters.ts).

type Count = Exclude<TokenFilter, "active">;

/** A tone for a count above zero; at zero every tile is quiet. */
const TONES = {
  amber: "bg-amber-50 text-amber-700",
  red: "bg-red-50 text-red-700",
  blue: "bg-blue-50 text-blue-700",
  zinc: "bg-zinc-100 text-zinc-700",
} as const;

interface Tile {
  key: Count | "total";
  label: string;
  description: string;
  icon: LucideIcon;
  tone: keyof typeof TONES;
}

const tile = (key: Count, icon: LucideIcon, tone: keyof typeof TONES, description: string): Tile => ({ key, label: TOKEN_FILTER_LABELS[key], icon, tone, description });

const GROUPS: { title: string; tiles: Tile[] }[] = [
  {
    title: "Expiry",
    tiles: [
      { ...tile("expiring_soon", Hourglass, "amber", "Enabled tokens that expire in less than 7 days."), label: "Expiring within 7 days" },
      tile("expiring_30d", CalendarClock, "amber", "Enabled tokens that expire in less than 30 days, those within 7 included."),
      tile("expired", CalendarX, "red", "Enabled tokens past their expiry: they authenticate nowhere."),
      tile("non_expiring", InfinityIcon, "blue", "Enabled tokens without an expiry date."),
    ],
  },
  {
    title: "Use",
    tiles: [
      tile("never_used", SearchX, "blue", "Enabled, unexpired tokens never seen by the validation endpoint."),
      tile("unused_90d", MoonStar, "blue", "Enabled, unexpired tokens last seen more than 90 days ago."),
      tile("disabled", Ban, "zinc", "Tokens turned off, whatever their expiry."),
      { key: "total", label: "All service tokens", icon: KeyRound, tone: "zinc", description: "Every token of the account." },
    ],
  },
];

const hrefOf = (key: Tile["key"]) => (key === "total" ? "/service-tokens" : `/service-tokens?status=${key}`);

/**
 * A phone shows a tile as one row (icon, label over description, count); from `sm` up it is a card
 * (label and icon, the count, the description). Same elements, placed by the grid.
 */
function HealthTile({ tile: t, count }: { tile: Tile; count: number }) {
  const id = `health-${t.key}`;
  return (
    <li className="min-w-0">
      <Link
        href={hrefOf(t.key)}
        aria-label={`${t.label}: ${count}`}
        aria-describedby={id}
        className="group grid h-full grid-cols-[auto_minmax(0,1fr)_auto] content-start items-center gap-x-3 gap-y-0.5 rounded-lg border border-zinc-200 bg-white px-3.5 py-3 shadow-xs transition-colors outline-none hover:border-zinc-300 hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start sm:p-4"
      >
        <span
          className={cn(
            "col-start-1 row-span-2 row-start-1 flex size-8 shrink-0 items-center justify-center rounded-md sm:col-start-2 sm:row-span-1",
            count > 0 ? TONES[t.tone] : "bg-zinc-100 text-zinc-500",
          )}
        >
          <t.icon className="size-4" aria-hidden />
        </span>
        <span className="col-start-2 row-start-1 text-sm font-medium text-zinc-700 group-hover:text-zinc-900 sm:col-start-1">{t.label}</span>
        <span
          className={cn(
            "col-start-3 row-span-2 row-start-1 justify-self-end text-2xl font-semibold tracking-tight tabular-nums sm:col-span-2 sm:col-start-1 sm:row-span-1 sm:row-start-2 sm:mt-1 sm:justify-self-start sm:text-3xl",
            count > 0 ? "text-zinc-900" : "text-zinc-400",
          )}
        >
          {count.toLocaleString("en-US")}
        </span>
        <span id={id} className="col-start-2 row-start-2 text-xs leading-relaxed text-zinc-500 sm:col-span-2 sm:col-start-1 sm:row-start-3 sm:mt-1">
          {t.description}
        </span>
      </Link>
    </li>
  );
}

export function TokenHealth({ health }: { health: ServiceTokenHealth }) {
  return (
    <div className="grid gap-6">
      {GROUPS.map((g) => (
        <section key={g.title} aria-labelledby={`health-group-${g.title}`}>
          <h2 id={`health-group-${g.title}`} className="mb-3 text-sm font-semibold text-zinc-900">
            {g.title}
          </h2>
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {g.tiles.map((t) => (
              <HealthTile key={t.key} tile={t} count={health[t.key]} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
