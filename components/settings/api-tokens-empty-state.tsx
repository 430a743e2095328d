import { Braces } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreateApiTokenDialog } from "./create-api-token-dialog";

export function ApiTokensEmptyState() {
  return (
    <EmptyState icon={Braces} title="No API tokens yet" create={<CreateApiTokenDialog trigger={<CreateButton>Create your first API token</CreateButton>} />}>
      API tokens let scripts, Terraform and the Cloudflare SDK manage service tokens, applications and policies through the REST API.
    </EmptyState>
  );
}
