import { requireAdmin } from "@/lib/auth/require-admin";
import { AdminPasswordRevealProvider } from "@/components/admins/admin-password-reveal";

// Super Administrators only, checked above the page's loading boundary (as API Tokens): anyone
// else gets a plain HTTP redirect. Holds the one-time reveal of a generated password above the
// list, so the dialog stays open while the list re-renders behind it.
export default async function AdminsLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin("admins:write");
  return <AdminPasswordRevealProvider>{children}</AdminPasswordRevealProvider>;
}
