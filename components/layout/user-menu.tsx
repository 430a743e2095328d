"use client";

import { ChevronDown, LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export function UserMenu({ email, roleLabel }: { email: string; roleLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

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
    <DropdownMenu>
      <DropdownMenuTrigger className="flex items-center gap-2.5 rounded-lg px-2 py-1.5 text-left outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 data-[state=open]:bg-zinc-100">
        <span className="flex size-8 items-center justify-center rounded-full bg-orange-500 text-sm font-semibold text-white uppercase" aria-hidden>
          {email[0]}
        </span>
        <span className="grid leading-tight">
          <span className="text-sm font-medium text-zinc-900">{email}</span>
          <span className="text-xs text-zinc-500">{roleLabel}</span>
        </span>
        <ChevronDown className="size-4 text-zinc-400" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>
          Signed in as <span className="block truncate font-medium text-zinc-900">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={signOutNow} disabled={pending}>
          <LogOut aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
