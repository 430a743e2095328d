import { KeyRound } from "lucide-react";
import { CreateButton } from "@/components/layout/create-button";
import { EmptyState } from "@/components/layout/empty-state";
import { CreateServiceTokenDialog } from "./create-service-token-dialog";

export function ServiceTokensEmptyState({ canWrite }: { canWrite: boolean }) {
  return (
    <EmptyState
      icon={KeyRound}
      title="No service tokens yet"
      create={canWrite ? <CreateServiceTokenDialog trigger={<CreateButton>Create your first service token</CreateButton>} /> : undefined}
    >
      Service tokens let automated systems, such as CI jobs, scripts and other services, reach your protected applications with a Client ID and a
      Client Secret instead of a person&apos;s login.
    </EmptyState>
  );
}
