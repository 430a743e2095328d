import { AppWindow, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CreateApplicationDialog } from "./application-form-dialog";
import type { PolicyOption } from "./types";

export function ApplicationsEmptyState({ canWrite, policyOptions }: { canWrite: boolean; policyOptions: PolicyOption[] }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-blue-50 ring-8 ring-blue-50/50">
        <AppWindow className="size-6 text-blue-600" aria-hidden />
      </div>
      <h2 className="mt-5 text-base font-semibold text-zinc-900">No applications yet</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">
        An application is a domain your reverse proxy protects with Gatepost. Its policies decide which service tokens may reach it.
      </p>
      {canWrite ? (
        <CreateApplicationDialog
          policyOptions={policyOptions}
          trigger={
            <Button className="mt-6">
              <Plus className="size-4" aria-hidden />
              Create your first application
            </Button>
          }
        />
      ) : (
        <p className="mt-4 text-sm text-zinc-500">An administrator with write access can create one.</p>
      )}
    </div>
  );
}
