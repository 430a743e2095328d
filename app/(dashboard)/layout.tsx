import { getAccount } from "@/lib/accounts/service";
import { requireAdmin } from "@/lib/auth/require-admin";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { DashboardShell } from "@/components/layout/dashboard-shell";
import { requestTheme } from "../theme";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdmin();
  const account = await getAccount(actor.accountId);
  const theme = await requestTheme();
  return (
    <DashboardShell accountName={account?.name ?? actor.accountId} email={actor.email} role={actor.role} roleLabel={ROLE_LABELS[actor.role]} theme={theme}>
      {children}
    </DashboardShell>
  );
}
