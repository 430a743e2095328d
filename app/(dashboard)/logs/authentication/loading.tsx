import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function AuthenticationLogLoading() {
  return (
    <div role="status" aria-label="Loading the authentication log">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-32" />
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <Card className="overflow-hidden">
        <div className="flex flex-wrap gap-3 border-b border-zinc-200 px-4 py-3">
          <Skeleton className="h-9 w-56" />
          <Skeleton className="h-9 w-40" />
          <Skeleton className="h-9 w-40" />
          <Skeleton className="h-9 w-56" />
        </div>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 overflow-hidden border-b border-zinc-100 px-4 py-4 last:border-0">
            <Skeleton className="h-4 w-24 shrink-0" />
            <Skeleton className="h-5 w-20 shrink-0 rounded-full" />
            <Skeleton className="h-4 w-32 shrink-0" />
            <Skeleton className="h-4 w-44 shrink-0" />
            <Skeleton className="h-4 w-36 shrink-0" />
            <Skeleton className="h-4 w-24 shrink-0" />
            <Skeleton className="h-4 w-40 shrink-0" />
          </div>
        ))}
      </Card>
    </div>
  );
}
