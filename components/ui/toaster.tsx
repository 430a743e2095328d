"use client";

import { useSyncExternalStore } from "react";
import { Toaster } from "sonner";

const PHONE = "(max-width: 767px)";

/** Below 768 px, where a dialog's buttons sit at the bottom of the screen. */
function usePhone(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(PHONE);
      query.addEventListener("change", changed);
      return () => query.removeEventListener("change", changed);
    },
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
}

/**
 * The page's toasts, in the dashboard's theme. A toast quoting a long name (255 characters are
 * allowed) wraps anywhere and stops at three lines instead of covering the page. Expanded, four
 * deep: copying several values in a row shows one toast each, none hidden behind another. On a
 * phone they come from the top: at the bottom they would cover a dialog's Close button.
 */
export function AppToaster({ theme }: { theme: "system" | "light" | "dark" }) {
  const phone = usePhone();
  return (
    <Toaster
      position={phone ? "top-center" : "bottom-right"}
      richColors
      expand
      visibleToasts={4}
      theme={theme}
      toastOptions={{ classNames: { title: "line-clamp-3 [overflow-wrap:anywhere]", description: "line-clamp-3 [overflow-wrap:anywhere]" } }}
    />
  );
}
