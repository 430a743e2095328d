import { cn } from "./cn";

/** Vertical stack for a label, a control, a hint and an error. */
export function Field({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("grid gap-1.5", className)} {...props} />;
}

export function FieldHint({ className, ...props }: React.ComponentProps<"p">) {
  return <p className={cn("text-xs text-zinc-500", className)} {...props} />;
}

export function FieldError({ className, children, ...props }: React.ComponentProps<"p">) {
  if (!children) return null;
  return (
    <p className={cn("text-xs font-medium text-red-600", className)} {...props}>
      {children}
    </p>
  );
}
