import { cn } from "@/components/ui/cn";

/** One option of a radio group or a checkbox list, drawn as a card that shows whether it is chosen. */
export function ChoiceCard({
  type,
  checked,
  onCheckedChange,
  className,
  children,
  ...inputProps
}: Omit<React.ComponentProps<"input">, "type" | "checked" | "onChange" | "className" | "children"> & {
  type: "radio" | "checkbox";
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  className?: string;
  /** What the option says, after its box. */
  children: React.ReactNode;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500",
        checked ? "border-blue-500 bg-blue-50/60" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
        className,
      )}
    >
      <input type={type} checked={checked} onChange={(e) => onCheckedChange(e.target.checked)} className="size-4 accent-blue-600 outline-none" {...inputProps} />
      {children}
    </label>
  );
}
