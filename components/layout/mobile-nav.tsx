"use client";

import { Menu } from "lucide-react";
import { useState } from "react";
import type { Role } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger, DrawerContent } from "@/components/ui/dialog";
import { NavPanel } from "./sidebar-nav";

/**
 * Below 768 px the sidebar gives way to this: a menu button that opens the navigation in a drawer.
 * It closes on Escape, on a click beside it and when one of its links is followed; focus then
 * returns to the button.
 */
export function MobileNav({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);

  function closeOnLink(event: React.MouseEvent) {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Open navigation" className="-ml-1.5 md:hidden">
          <Menu className="size-5" aria-hidden />
        </Button>
      </DialogTrigger>
      <DrawerContent title="Navigation" onClick={closeOnLink}>
        <NavPanel role={role} />
      </DrawerContent>
    </Dialog>
  );
}
