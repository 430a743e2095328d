"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { roleCan, type Role } from "@/lib/auth/permissions";
import { cn } from "@/components/ui/cn";
import { Logo } from "./logo";
import { NAV_SECTIONS, type NavItem } from "./nav-items";

/** The logo, linking home, over the scrolling navigation: the sidebar's and the phone drawer's. */
export function NavPanel({ role }: { role: Role }) {
  return (
    <>
      <div className="flex h-14 shrink-0 items-center border-b border-zinc-200 px-5">
        <Link href="/" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-blue-500" aria-label="Gatepost home">
          <Logo />
        </Link>
      </div>
      <div className="flex-1 overflow-y-auto">
        <SidebarNav role={role} />
      </div>
    </>
  );
}

/** `role` hides the items it may not open (the pages refuse them anyway). */
export function SidebarNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const isActive = (item: NavItem) => pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`));
  const sections = NAV_SECTIONS.map((section) => ({
    ...section,
    groups: section.groups
      .map((group) => ({ ...group, items: group.items.filter((item) => !item.capability || roleCan(role, item.capability)) }))
      .filter((group) => group.items.length > 0),
  }));
  return (
    <nav aria-label="Main" className="grid gap-6 px-3 py-4">
      {sections.map((section) => (
        <div key={section.label}>
          {section.href ? (
            <Link
              href={section.href}
              aria-current={pathname === section.href ? "page" : undefined}
              className={cn(
                "-my-1.5 flex items-center gap-2 rounded-md px-2 py-1.5 text-[13px] font-semibold transition-colors outline-none focus-visible:ring-2 focus-visible:ring-blue-500",
                pathname === section.href ? "bg-blue-50 text-blue-700" : "text-zinc-900 hover:bg-zinc-100",
              )}
            >
              <section.icon className={cn("size-4", pathname === section.href ? "text-blue-700" : "text-zinc-500")} aria-hidden />
              {section.label}
            </Link>
          ) : (
            <p className="flex items-center gap-2 px-2 text-[13px] font-semibold text-zinc-900">
              <section.icon className="size-4 text-zinc-500" aria-hidden />
              {section.label}
            </p>
          )}
          {section.groups.map((group, i) => (
            <div key={group.label ?? i} className="mt-1.5 ml-4 border-l border-zinc-200 pl-2">
              {group.label ? <p className="px-2 pt-1 pb-0.5 text-xs font-medium text-zinc-500">{group.label}</p> : null}
              <ul className="grid gap-0.5">
                {group.items.map((item) => {
                  const active = isActive(item);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={active ? "page" : undefined}
                        className={cn(
                          "block rounded-md px-2 py-1.5 text-[13px] transition-colors outline-none focus-visible:ring-2 focus-visible:ring-blue-500",
                          group.label && "pl-4",
                          active ? "bg-blue-50 font-medium text-blue-700" : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
                        )}
                      >
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </nav>
  );
}
