import { Braces, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CreateApiTokenDialog } from "./create-api-token-dialog";

export function ApiTokensEmptyState() {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-blue-50 ring-8 ring-blue-50/50">
        <Braces className="size-6 text-blue-600" aria-hidden />
      </div>
      <h2 className="mt-5 text-base font-semibold text-zinc-900">No API tokens yet</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-zinc-500">
        API tokens let scripts, Terraform and the Cloudflare SDK manage service tokens, applications and policies through the REST API.
      </p>
      <CreateApiTokenDialog
        trigger={
          <Button className="mt-6">
            <Plus className="size-4" aria-hidden />
            Create your first API token
          </Button>
        }
      />
    </div>
  );
}
