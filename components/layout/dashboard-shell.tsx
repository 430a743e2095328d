import { Building2 } from "lucide-react";
import type { Role } from "@/lib/auth/permissions";
import type { Theme } from "@/lib/theme";
import { MobileNav } from "./mobile-nav";
import { NavPanel } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

export function DashboardShell({
  accountName,
  email,
  role,
  roleLabel,
  theme,
  children,
}: {
  accountName: string;
  email: string;
  /** The navigation hides what the role may not open. */
  role: Role;
  roleLabel: string;
  /** The theme the page was rendered with, for the account menu's choice. */
  theme: Theme;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-700 shadow-lg ring-2 ring-blue-500 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      {/* Below 768 px the navigation is in MobileNav's drawer instead. */}
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 flex-col border-r border-zinc-200 bg-white max-md:hidden xl:w-60">
        <NavPanel role={role} />
        <p className="border-t border-zinc-200 px-5 py-3 text-xs text-zinc-400">Compatible with Cloudflare Access</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-zinc-200 bg-white/95 px-4 backdrop-blur sm:gap-4 sm:px-5 xl:px-8">
          <MobileNav role={role} />
          <div className="flex min-w-0 flex-1 items-center gap-2 text-sm">
            <Building2 className="size-4 shrink-0 text-zinc-400" aria-hidden />
            <span className="sr-only">Account:</span>
            <span className="truncate font-medium text-zinc-800" data-testid="account-name">
              {accountName}
            </span>
          </div>
          <UserMenu email={email} roleLabel={roleLabel} theme={theme} />
        </header>
        {/* tabIndex: the skip link moves focus here, not only the scroll position. */}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-6 outline-none sm:px-5 xl:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
