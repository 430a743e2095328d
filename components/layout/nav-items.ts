import { Bell, LayoutDashboard, ScrollText, Settings, ShieldCheck, type LucideIcon } from "lucide-react";
import type { Capability } from "@/lib/auth/permissions";

// The dashboard's navigation, with Cloudflare's names. Add a section or an item here when its page
// exists: the sidebar never links to a missing page. An item with a
// `capability` is hidden from roles without it (the page refuses them anyway).

export interface NavItem {
  label: string;
  href: string;
  /** Active only on this exact path, not on the pages below it (Settings > General at /settings). */
  exact?: boolean;
  /** Shown only to administrators whose role has it. */
  capability?: Capability;
}

export interface NavGroup {
  /** A sub-heading such as "Service credentials"; omitted for a flat list. */
  label?: string;
  items: NavItem[];
}

export interface NavSection {
  label: string;
  icon: LucideIcon;
  /** A section that is one page (the Overview, at home): its heading is the link, active on this exact path. */
  href?: string;
  groups: NavGroup[];
}

export const NAV_SECTIONS: NavSection[] = [
  // The home page: sign-in lands there, and so does a page the role may not see.
  { label: "Overview", icon: LayoutDashboard, href: "/", groups: [] },
  {
    label: "Access controls",
    icon: ShieldCheck,
    groups: [
      {
        items: [
          { label: "Applications", href: "/applications" },
          { label: "Policies", href: "/policies" },
        ],
      },
      { label: "Service credentials", items: [{ label: "Service Tokens", href: "/service-tokens" }] },
    ],
  },
  {
    label: "Logs",
    icon: ScrollText,
    groups: [
      {
        items: [
          { label: "Authentication", href: "/logs/authentication" },
          { label: "Audit", href: "/logs/audit" },
        ],
      },
    ],
  },
  {
    label: "Notifications",
    icon: Bell,
    groups: [
      {
        items: [
          { label: "All Notifications", href: "/notifications", exact: true },
          { label: "Destinations", href: "/notifications/destinations" },
          { label: "History", href: "/notifications/history" },
        ],
      },
    ],
  },
  {
    label: "Settings",
    icon: Settings,
    groups: [
      {
        items: [
          { label: "General", href: "/settings", exact: true },
          { label: "Administrators", href: "/settings/admins", capability: "admins:write" },
          { label: "API Tokens", href: "/settings/api-tokens", capability: "api_tokens:write" },
        ],
      },
    ],
  },
];
