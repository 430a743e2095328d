import type { LucideIcon } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** The buttons of a detail page's header (Edit, Rotate, Delete...). */
export function PageActions({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-wrap items-center gap-2">{children}</div>;
}

/** One of them: an icon and a label; `destructive` for Delete. */
export function PageActionButton({ icon: Icon, destructive = false, className, children, ...props }: ButtonProps & { icon: LucideIcon; destructive?: boolean }) {
  return (
    <Button variant="secondary" size="sm" className={cn(destructive && "text-red-600 dark:text-red-400 hover:border-red-300 hover:bg-red-50 hover:text-red-700", className)} {...props}>
      <Icon className="size-3.5" aria-hidden />
      {children}
    </Button>
  );
}
