"use client";

import { Ban, Pencil, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApplicationActionDialogs, type AppAction } from "./application-action-dialogs";
import type { AppSummary, PolicyOption } from "./types";

/** The application page's buttons; rendered only for administrators who may change applications. */
export function ApplicationDetailActions({ app, policyOptions }: { app: AppSummary; policyOptions: PolicyOption[] }) {
  const router = useRouter();
  const [action, setAction] = useState<AppAction | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => setAction("edit")}>
        <Pencil className="size-3.5" aria-hidden />
        Edit
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setAction("revoke")}>
        <Ban className="size-3.5" aria-hidden />
        Revoke existing tokens
      </Button>
      <Button variant="secondary" size="sm" className="text-red-600 hover:border-red-300 hover:bg-red-50 hover:text-red-700" onClick={() => setAction("delete")}>
        <Trash className="size-3.5" aria-hidden />
        Delete
      </Button>
      <ApplicationActionDialogs
        app={app}
        policyOptions={policyOptions}
        action={action}
        onClose={() => setAction(null)}
        onDeleted={() => router.replace("/applications")}
      />
    </div>
  );
}
