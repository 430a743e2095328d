import { Building2 } from "lucide-react";
import Link from "next/link";
import type { Role } from "@/lib/auth/permissions";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

export function DashboardShell({
  accountName,
  email,
  role,
  roleLabel,
  children,
}: {
  accountName: string;
  email: string;
  /** The navigation hides what the role may not open. */
  role: Role;
  roleLabel: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 xl:w-60 flex-col border-r border-zinc-200 bg-white">
        <div className="flex h-14 items-center border-b border-zinc-200 px-5">
          <Link href="/service-tokens" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-blue-500" aria-label="Gatepost home">
            <Logo />
          </Link>
        </div>
        <div className="flex-1 overflow-y-auto">
          <SidebarNav role={role} />
        </div>
        <p className="border-t border-zinc-200 px-5 py-3 text-xs text-zinc-400">Compatible with Cloudflare Access</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b border-zinc-200 bg-white/95 px-5 backdrop-blur xl:px-8">
          <div className="flex min-w-0 items-center gap-2 text-sm">
            <Building2 className="size-4 shrink-0 text-zinc-400" aria-hidden />
            <span className="sr-only">Account:</span>
            <span className="truncate font-medium text-zinc-800" data-testid="account-name">
              {accountName}
            </span>
          </div>
          <UserMenu email={email} roleLabel={roleLabel} />
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-5 py-6 xl:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
