import { AppWindow } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreateApplicationDialog } from "./application-form-dialog";
import type { PolicyOption } from "./types";

export function ApplicationsEmptyState({ canWrite, policyOptions }: { canWrite: boolean; policyOptions: PolicyOption[] }) {
  return (
    <EmptyState
      icon={AppWindow}
      title="No applications yet"
      create={canWrite ? <CreateApplicationDialog policyOptions={policyOptions} trigger={<CreateButton>Create your first application</CreateButton>} /> : undefined}
    >
      An application is a domain your reverse proxy protects with Gatepost. Its policies decide which service tokens may reach it.
    </EmptyState>
  );
}
