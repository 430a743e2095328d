import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <div role="status" aria-label="Loading the audit log">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-24" />
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Card className="overflow-hidden">
        <div className="flex gap-3 border-b border-zinc-200 px-4 py-3">
          <Skeleton className="h-9 w-80" />
          <Skeleton className="h-9 w-64" />
        </div>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-4 last:border-0">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-5 w-32 rounded-full" />
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-4 w-56" />
          </div>
        ))}
      </Card>
    </div>
  );
}
