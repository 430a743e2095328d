import { SecretRevealProvider } from "@/components/service-tokens/secret-reveal";

// Holds the one-time secret reveal above the list and the token pages, so the dialog stays open
// while they re-render behind it.
export default function ServiceTokensLayout({ children }: { children: React.ReactNode }) {
  return <SecretRevealProvider>{children}</SecretRevealProvider>;
}
