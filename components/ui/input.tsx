import { cn } from "./cn";

export const inputClasses = cn(
  "h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors",
  "placeholder:text-zinc-400 outline-none focus-visible:border-blue-500 focus-visible:ring-2 focus-visible:ring-blue-500/30",
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:opacity-70",
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus-visible:ring-red-500/30",
);

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cn(inputClasses, className)} {...props} />;
}
