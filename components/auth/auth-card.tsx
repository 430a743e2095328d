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

export function FormAlert({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {children}
    </p>
  );
}
