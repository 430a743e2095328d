import { Plus } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

/** The button that opens a Create dialog: in a page's header, or an empty state's "Create your first …". */
export function CreateButton({ children, ...props }: ButtonProps) {
  return (
    <Button {...props}>
      <Plus className="size-4" aria-hidden />
      {children}
    </Button>
  );
}
