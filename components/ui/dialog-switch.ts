"use client";

import { useState } from "react";

/** What binds a dialog to the control that opens it: a dialog component takes these props. */
export interface DialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the dialog closes (the control that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * Several dialogs for one object (edit, rotate, delete...), at most one open at a time. `open(kind)`
 * opens one; `dialog(kind)` gives each its DialogState. When the control that opened them is gone
 * by then (a menu item), `returnFocusTo` names where focus goes back instead.
 */
export function useDialogSwitch<TKind extends string>(returnFocusTo?: () => HTMLElement | null) {
  const [current, setCurrent] = useState<TKind | null>(null);
  const dialog = (kind: TKind): DialogState => ({
    open: current === kind,
    onOpenChange: (open) => {
      if (!open) setCurrent(null);
    },
    onCloseAutoFocus: (event) => {
      const target = returnFocusTo?.();
      if (!target) return;
      event.preventDefault();
      target.focus();
    },
  });
  return { current, open: setCurrent, dialog };
}

/** A dialog's open state that its parent may control (`open` given) or leave to it (a trigger opens it). */
export function useOpenState(open: boolean | undefined, onOpenChange: ((open: boolean) => void) | undefined) {
  const [own, setOwn] = useState(false);
  const controlled = open !== undefined;
  return [controlled ? open : own, (next: boolean) => (controlled ? onOpenChange?.(next) : setOwn(next))] as const;
}
