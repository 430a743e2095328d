import { KeyRound, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CreateServiceTokenDialog } from "./create-service-token-dialog";

export function ServiceTokensEmptyState({ canWrite }: { canWrite: boolean }) {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-blue-50 ring-8 ring-blue-50/50">
        <KeyRound className="size-6 text-blue-600" aria-hidden />
      </div>
      <h2 className="mt-5 text-base font-semibold text-zinc-900">No service tokens yet</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">
        Service tokens let automated systems, such as CI jobs, scripts and other services, reach your protected applications with a Client ID
        and a Client Secret instead of a person&apos;s login.
      </p>
      {canWrite ? (
        <CreateServiceTokenDialog
          trigger={
            <Button className="mt-6">
              <Plus className="size-4" aria-hidden />
              Create your first service token
            </Button>
          }
        />
      ) : (
        <p className="mt-4 text-sm text-zinc-500">An administrator with write access can create one.</p>
      )}
    </div>
  );
}
