"use client";

import { Ban, Pencil, Trash } from "lucide-react";
import { useRouter } from "next/navigation";
import { PageActionButton, PageActions } from "@/components/layout/page-actions";
import { useDialogSwitch } from "@/components/ui/dialog-switch";
import { ApplicationActionDialogs, type AppAction } from "./application-action-dialogs";
import type { AppSummary, PolicyOption } from "./types";

/** The application page's buttons; rendered only for administrators who may change applications. */
export function ApplicationDetailActions({ app, policyOptions }: { app: AppSummary; policyOptions: PolicyOption[] }) {
  const router = useRouter();
  const dialogs = useDialogSwitch<AppAction>();
  return (
    <PageActions>
      <PageActionButton icon={Pencil} onClick={() => dialogs.open("edit")}>
        Edit
      </PageActionButton>
      <PageActionButton icon={Ban} onClick={() => dialogs.open("revoke")}>
        Revoke existing tokens
      </PageActionButton>
      <PageActionButton icon={Trash} destructive onClick={() => dialogs.open("delete")}>
        Delete
      </PageActionButton>
      <ApplicationActionDialogs app={app} policyOptions={policyOptions} dialog={dialogs.dialog} onDeleted={() => router.replace("/applications")} />
    </PageActions>
  );
}
