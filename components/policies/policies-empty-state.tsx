import { ListChecks, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CreatePolicyDialog } from "./policy-form-dialog";
import type { ServiceTokenOption } from "./types";

export function PoliciesEmptyState({ canWrite, tokenOptions }: { canWrite: boolean; tokenOptions: ServiceTokenOption[] }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-blue-50 ring-8 ring-blue-50/50">
        <ListChecks className="size-6 text-blue-600" aria-hidden />
      </div>
      <h2 className="mt-5 text-base font-semibold text-zinc-900">No policies yet</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">
        A policy decides who reaches an application: for machine clients, a Service Auth policy that includes their service tokens. Create it
        once and attach it to any number of applications.
      </p>
      {canWrite ? (
        <CreatePolicyDialog
          tokenOptions={tokenOptions}
          trigger={
            <Button className="mt-6">
              <Plus className="size-4" aria-hidden />
              Create your first policy
            </Button>
          }
        />
      ) : (
        <p className="mt-4 text-sm text-zinc-500">An administrator with write access can create one.</p>
      )}
    </div>
  );
}
