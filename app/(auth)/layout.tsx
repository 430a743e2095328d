import { Logo } from "@/components/layout/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8 scale-110" />
      <div className="w-full max-w-sm">{children}</div>
      <p className="mt-8 text-xs text-zinc-400">Service tokens for your protected applications</p>
    </main>
  );
}
