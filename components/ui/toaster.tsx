"use client";

import { Toaster } from "sonner";

/**
 * The page's toasts, in the dashboard's theme. A toast quoting a long name (255 characters are
 * allowed) wraps anywhere and stops at three lines instead of covering the page. Expanded, four
 * deep: copying several values in a row shows one toast each, none hidden behind another.
 */
export function AppToaster({ theme }: { theme: "system" | "light" | "dark" }) {
  return (
    <Toaster
      position="bottom-right"
      richColors
      expand
      visibleToasts={4}
      theme={theme}
      toastOptions={{ classNames: { title: "line-clamp-3 [overflow-wrap:anywhere]", description: "line-clamp-3 [overflow-wrap:anywhere]" } }}
    />
  );
}
