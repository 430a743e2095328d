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
    <p className={cn("text-xs font-medium text-red-600 dark:text-red-400", className)} {...props}>
      {children}
    </p>
  );
}

/** A form's refusal that belongs to no one field (a conflict, a wrong password): above its buttons. */
export function FormAlert({ className, children, ...props }: React.ComponentProps<"p">) {
  if (!children) return null;
  return (
    <p role="alert" className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700", className)} {...props}>
      {children}
    </p>
  );
}
