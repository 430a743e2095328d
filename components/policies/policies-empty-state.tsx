import { ListChecks } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreatePolicyDialog } from "./policy-form-dialog";
import type { ServiceTokenOption } from "./types";

export function PoliciesEmptyState({ canWrite, tokenOptions }: { canWrite: boolean; tokenOptions: ServiceTokenOption[] }) {
  return (
    <EmptyState
      icon={ListChecks}
      title="No policies yet"
      create={canWrite ? <CreatePolicyDialog tokenOptions={tokenOptions} trigger={<CreateButton>Create your first policy</CreateButton>} /> : undefined}
    >
      A policy decides who reaches an application: for machine clients, a Service Auth policy that includes their service tokens. Create it once
      and attach it to any number of applications.
    </EmptyState>
  );
}
