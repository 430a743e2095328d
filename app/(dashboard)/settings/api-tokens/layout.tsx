import { requireAdmin } from "@/lib/auth/require-admin";
import { getEnv } from "@/lib/env";
import { ApiTokenRevealProvider } from "@/components/settings/api-token-reveal";

// Super Administrators only. Checked here, above the page's loading boundary, so that anyone else
// gets a plain HTTP redirect instead of a streamed page that redirects itself. (Settings has no
// loading.tsx for the same reason: it would wrap this layout too.)
//
// Holds the one-time API token reveal above the list, so the dialog stays open while the list
// re-renders behind it (the empty state turning into a table).
export default async function ApiTokensLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdmin("api_tokens:write");
  return (
    <ApiTokenRevealProvider publicUrl={getEnv().publicUrl} accountId={actor.accountId}>
      {children}
    </ApiTokenRevealProvider>
  );
}
