import { getEnv } from "@/lib/env";
import { ApiTokenRevealProvider } from "@/components/settings/api-token-reveal";

// Holds the one-time API token reveal above the list, so the dialog stays open while the list
// re-renders behind it (the empty state turning into a table).
export default function ApiTokensLayout({ children }: { children: React.ReactNode }) {
  return <ApiTokenRevealProvider publicUrl={getEnv().publicUrl}>{children}</ApiTokenRevealProvider>;
}
