"use client";

import { ChevronDown, KeyRound, LogOut, Monitor, Moon, Sun } from "lucide-react";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { parseTheme, THEME_LABELS, THEMES, themeCookie, type Theme } from "@/lib/theme";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useDialogSwitch } from "@/components/ui/dialog-switch";
import { ChangePasswordDialog } from "./change-password-dialog";

const THEME_ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/** `theme`: the choice the page was rendered with (its cookie). */
export function UserMenu({ email, roleLabel, theme: initialTheme }: { email: string; roleLabel: string; theme: Theme }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const trigger = useRef<HTMLButtonElement>(null);
  // The menu item that opens the dialog is gone once it opens: focus goes back to the menu's button.
  const dialogs = useDialogSwitch<"password">(() => trigger.current);

  function chooseTheme(value: string) {
    const next = parseTheme(value);
    setTheme(next);
    // The page switches at once; the cookie makes every later page render in it from the server.
    document.cookie = themeCookie(next);
    document.documentElement.dataset.theme = next;
    router.refresh();
  }

  function signOutNow() {
    startTransition(async () => {
      try {
        await signOut({ redirect: false });
      } catch {
        toast.error("Could not sign out. Try again.");
        return;
      }
      router.replace("/sign-in");
      router.refresh();
    });
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger ref={trigger} className="flex min-w-0 items-center gap-2.5 rounded-lg px-2 py-1.5 text-left outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 data-[state=open]:bg-zinc-100">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-orange-500 text-sm font-semibold text-on-accent uppercase" aria-hidden>
            {email[0]}
          </span>
          {/* On a phone only the avatar: the menu's label says who is signed in. */}
          <span className="grid min-w-0 leading-tight max-sm:sr-only">
            <span className="truncate text-sm font-medium text-zinc-900">{email}</span>
            <span className="text-xs text-zinc-500">{roleLabel}</span>
          </span>
          <ChevronDown className="size-4 shrink-0 text-zinc-400" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-60">
          <DropdownMenuLabel>
            Signed in as <span className="block truncate font-medium text-zinc-900">{email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Theme</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={theme} onValueChange={chooseTheme} aria-label="Theme">
            {THEMES.map((value) => {
              const Icon = THEME_ICONS[value];
              return (
                <DropdownMenuRadioItem key={value} value={value}>
                  <Icon aria-hidden />
                  {THEME_LABELS[value]}
                </DropdownMenuRadioItem>
              );
            })}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => dialogs.open("password")}>
            <KeyRound aria-hidden />
            Change password
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={signOutNow} disabled={pending}>
            <LogOut aria-hidden />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ChangePasswordDialog {...dialogs.dialog("password")} />
    </>
  );
}
