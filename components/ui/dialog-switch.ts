"use client";

import { useRef, useState } from "react";

/** What binds a dialog to the control that opens it: a dialog component takes these props. */
export interface DialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the dialog closes (the control that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}

/**
 * Several dialogs for one object (edit, rotate, delete...), at most one open at a time. `open(kind)`
 * opens one; `dialog(kind)` gives each its DialogState. Focus goes back to the control that had it
 * when `open` was called (a page's Edit button); when that control is gone by then (a menu item),
 * `returnFocusTo` names where focus goes back instead.
 */
export function useDialogSwitch<TKind extends string>(returnFocusTo?: () => HTMLElement | null) {
  const [current, setCurrent] = useState<TKind | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (kind: TKind | null) => {
    if (kind !== null && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
      opener.current = document.activeElement;
    }
    setCurrent(kind);
  };
  const dialog = (kind: TKind): DialogState => ({
    open: current === kind,
    onOpenChange: (isOpen) => {
      if (!isOpen) setCurrent(null);
    },
    onCloseAutoFocus: (event) => {
      const target = returnFocusTo?.() ?? (opener.current?.isConnected ? opener.current : null);
      if (!target) return;
      event.preventDefault();
      target.focus();
    },
  });
  return { current, open, dialog };
}

/** A dialog's open state that its parent may control (`open` given) or leave to it (a trigger opens it). */
export function useOpenState(open: boolean | undefined, onOpenChange: ((open: boolean) => void) | undefined) {
  const [own, setOwn] = useState(false);
  const controlled = open !== undefined;
  return [controlled ? open : own, (next: boolean) => (controlled ? onOpenChange?.(next) : setOwn(next))] as const;
}
