import type { Metadata } from "next";
import { AppToaster } from "@/components/ui/toaster";
import { cspNonce } from "@/lib/http/nonce";
import "./globals.css";
import { requestTheme } from "./theme";

// The mark inline, so that no request for /favicon.ico ends in a 404.
const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#f6821f"/><path d="M6 18V9.5a6 6 0 0 1 12 0V18M10 18v-5h4v5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  );

export const metadata: Metadata = {
  title: { default: "Gatepost", template: "%s · Gatepost" },
  icons: { icon: ICON },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so that Next can put this request's nonce on its scripts: a
  // page prerendered at build time (the 404 page) would carry none, and the policy would block it.
  await cspNonce();
  // Rendered from the cookie, so the first paint has the chosen theme without a script.
  const theme = await requestTheme();
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased">
        {children}
        <AppToaster theme={theme} />
      </body>
    </html>
  );
}
