"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { useOpenState, type DialogState } from "@/components/ui/dialog-switch";
import { FormAlert } from "@/components/ui/field";
import type { ActionForm } from "./use-action-form";

/**
 * A dialog that holds one form. Its content mounts when it opens, so every opening starts from
 * the form's initial values; `children` gets the function that closes it. Opened by its own
 * `trigger` (a Create button), or controlled by the parent (a row menu, a page's Edit button).
 */
export function FormDialog({
  trigger,
  size,
  open: openProp,
  onOpenChange,
  onCloseAutoFocus,
  children,
}: Partial<DialogState> & { trigger?: React.ReactNode; size?: "md" | "lg"; children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useOpenState(openProp, onOpenChange);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent size={size} onCloseAutoFocus={onCloseAutoFocus}>
        {children(() => setOpen(false))}
      </DialogContent>
    </Dialog>
  );
}

/** The form inside a FormDialog: title, fields, the refusal that names no field, Cancel and submit. */
export function DialogForm({
  form,
  onSubmit,
  onCancel,
  title,
  description,
  submitLabel = "Save",
  error,
  children,
}: {
  form: ActionForm;
  /** Checks the input and, when it can be sent, calls form.run(). */
  onSubmit: () => void;
  onCancel: () => void;
  title: string;
  description: React.ReactNode;
  submitLabel?: string;
  /** The server's refusal when it names none of the form's fields (form.generalError). */
  error?: string | null;
  children: React.ReactNode;
}) {
  return (
    // A flex column like the dialog's panel, so that the body scrolls and the buttons stay in view.
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="flex min-h-0 flex-auto flex-col">
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <DialogBody>
        {children}
        <FormAlert>{error}</FormAlert>
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={form.pending}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
