"use client";

import { Ellipsis, ExternalLink, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { createContext, use, useId, useLayoutEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useDialogSwitch, type DialogState } from "@/components/ui/dialog-switch";

// The "…" menu of a table's rows, rendered once per table: a row has only a light trigger button,
// and the table's one menu (and one set of dialogs) opens for the row whose button was pressed.
// The trigger behaves as a menu button: Enter, Space, ArrowDown or a click open the menu, arrow
// keys move through it, Escape closes it and focus goes back to the row's button.

/** An item of a row's menu: one that opens the row's dialog for `action`, a link, or a separator. */
export type RowMenuEntry<TAction extends string> =
  | { action: TAction; label: string; icon: LucideIcon; destructive?: boolean; disabled?: boolean; /** A second line: why it is disabled. */ note?: string }
  | { href: string; label: string; icon: LucideIcon }
  | "separator";

/** The first item of the menu on a table whose rows have a page of their own. */
export const viewDetails = (href: string): RowMenuEntry<never> => ({ href, label: "View details", icon: ExternalLink });

export interface RowActions<TRow, TAction extends string = string> {
  /** The trigger's accessible name (also the menu's): "Actions for <name>". */
  label: (row: TRow) => string;
  /** The chosen row's menu. */
  items: (row: TRow) => RowMenuEntry<TAction>[];
  /** The chosen row's dialogs; `dialog(action)` binds each one to its menu item. */
  dialogs?: (row: TRow, dialog: (action: TAction) => DialogState) => React.ReactNode;
  /** The menu's width. */
  menuClassName?: string;
}

interface Chosen<TRow> {
  id: string;
  row: TRow;
  trigger: HTMLButtonElement;
}

interface TriggerContext {
  menuId: string;
  openRowId: string | null;
  label: (row: unknown) => string;
  /** The row's button was pressed: opens the menu for it, or closes it when it is open for it. Whether it opened. */
  toggle: (id: string, row: unknown, trigger: HTMLButtonElement) => boolean;
  show: (id: string, row: unknown, trigger: HTMLButtonElement) => void;
}

const RowActionsContext = createContext<TriggerContext | null>(null);

/** The actions cell of one row: only a button. */
export function RowActionsTrigger({ id, row }: { id: string; row: unknown }) {
  const ctx = use(RowActionsContext);
  if (!ctx) throw new Error("RowActionsTrigger must be used inside <RowActionsProvider>");
  const open = ctx.openRowId === id;
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      aria-label={ctx.label(row)}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? ctx.menuId : undefined}
      data-state={open ? "open" : "closed"}
      data-row-actions-trigger=""
      className="text-zinc-500 data-[state=open]:bg-zinc-100"
      // As Radix's own menu trigger: open on pointer down, and keep focus off the button meanwhile.
      onPointerDown={(e) => {
        if (e.button !== 0 || e.ctrlKey) return;
        if (ctx.toggle(id, row, e.currentTarget)) e.preventDefault();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") ctx.toggle(id, row, e.currentTarget);
        else if (e.key === "ArrowDown") ctx.show(id, row, e.currentTarget);
        else return;
        e.preventDefault();
      }}
    >
      <Ellipsis className="size-4" aria-hidden />
    </Button>
  );
}

/**
 * Hands the menu's trigger ref (where Radix anchors the menu and returns focus) the chosen row's
 * own button, and renders nothing itself: the table needs no Radix trigger per row.
 */
function AnchorTo({ element, ref }: { element: HTMLElement | null; ref?: React.Ref<HTMLElement> }) {
  useLayoutEffect(() => {
    if (!element || !ref) return;
    if (typeof ref !== "function") {
      ref.current = element;
      return () => {
        ref.current = null;
      };
    }
    const cleanup = ref(element);
    return () => (typeof cleanup === "function" ? cleanup() : ref(null));
  }, [element, ref]);
  return null;
}

/** Holds the table's one menu and its dialogs; the rows' RowActionsTrigger buttons open it. */
export function RowActionsProvider<TRow extends { id: string }>({
  actions,
  rows,
  children,
}: {
  actions: RowActions<TRow, string>;
  /** The table's current rows: the chosen one is shown as it is now. */
  rows: TRow[];
  children: React.ReactNode;
}) {
  const menuId = useId();
  const [chosen, setChosen] = useState<Chosen<TRow> | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  // After a dialog, focus goes back to the row's button (the menu item that opened it is gone).
  const dialogs = useDialogSwitch<string>(() => chosen?.trigger ?? null);

  const show = (id: string, row: unknown, trigger: HTMLButtonElement) => {
    setChosen({ id, row: row as TRow, trigger });
    setMenuOpen(true);
  };
  const context: TriggerContext = {
    menuId,
    openRowId: menuOpen ? (chosen?.id ?? null) : null,
    label: actions.label as (row: unknown) => string,
    show,
    toggle: (id, row, trigger) => {
      if (menuOpen && chosen?.id === id) {
        setMenuOpen(false);
        return false;
      }
      show(id, row, trigger);
      return true;
    },
  };

  const row = chosen ? (rows.find((r) => r.id === chosen.id) ?? chosen.row) : null;
  return (
    <RowActionsContext value={context}>
      {children}
      {/* Not modal: a modal menu that opens a modal dialog can leave the page inert. */}
      <DropdownMenu open={menuOpen && row !== null} onOpenChange={setMenuOpen} modal={false}>
        <DropdownMenuTrigger asChild>
          <AnchorTo element={chosen?.trigger ?? null} />
        </DropdownMenuTrigger>
        {row !== null ? (
          <DropdownMenuContent
            id={menuId}
            align="end"
            aria-labelledby={undefined}
            aria-label={actions.label(row)}
            className={actions.menuClassName ?? "w-56"}
            // Another row's button moves the menu to that row instead of closing it.
            onInteractOutside={(e) => {
              if (e.target instanceof Element && e.target.closest("[data-row-actions-trigger]")) e.preventDefault();
            }}
          >
            {actions.items(row).map((entry, i) => (
              <MenuEntry key={i} entry={entry} open={dialogs.open} />
            ))}
          </DropdownMenuContent>
        ) : null}
      </DropdownMenu>
      {row !== null && actions.dialogs ? actions.dialogs(row, dialogs.dialog) : null}
    </RowActionsContext>
  );
}

function MenuEntry<TAction extends string>({ entry, open }: { entry: RowMenuEntry<TAction>; open: (action: TAction) => void }) {
  if (entry === "separator") return <DropdownMenuSeparator />;
  const Icon = entry.icon;
  if ("href" in entry) {
    return (
      <DropdownMenuItem asChild>
        <Link href={entry.href}>
          <Icon aria-hidden />
          {entry.label}
        </Link>
      </DropdownMenuItem>
    );
  }
  return (
    <DropdownMenuItem destructive={entry.destructive} disabled={entry.disabled} onSelect={() => open(entry.action)}>
      <Icon aria-hidden />
      {entry.note ? (
        <span className="grid">
          {entry.label}
          <span className="text-xs text-zinc-500">{entry.note}</span>
        </span>
      ) : (
        entry.label
      )}
    </DropdownMenuItem>
  );
}
