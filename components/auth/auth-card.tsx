import { Card } from "@/components/ui/card";

export function AuthCard({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">{description}</p>
      {children}
    </Card>
  );
}
