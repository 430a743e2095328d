import { cn } from "./cn";

const TONES = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/25",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  zinc: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  blue: "bg-blue-50 text-blue-700 ring-blue-600/20",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "zinc", dot = false, className, children, ...props }: React.ComponentProps<"span"> & { tone?: BadgeTone; dot?: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
      {...props}
    >
      {dot ? <span className="size-1.5 rounded-full bg-current" aria-hidden /> : null}
      {children}
    </span>
  );
}
