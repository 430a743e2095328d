import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { inputClasses } from "./input";

/** A styled native <select>: keyboard and screen-reader behaviour for free, and easy to drive in tests. */
export function NativeSelect({ className, children, ...props }: React.ComponentProps<"select">) {
  return (
    <div className={cn("relative", className)}>
      <select className={cn(inputClasses, "cursor-pointer appearance-none pr-8")} {...props}>
        {children}
      </select>
      <ChevronDown className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-500" aria-hidden />
    </div>
  );
}
