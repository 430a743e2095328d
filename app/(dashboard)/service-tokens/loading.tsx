import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function ServiceTokensLoading() {
  return (
    <div role="status" aria-label="Loading service tokens">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-56" />
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Card className="overflow-hidden">
        <div className="border-b border-zinc-200 px-4 py-3">
          <Skeleton className="h-9 w-80" />
        </div>
        <div className="border-b border-zinc-200 bg-zinc-50/80 px-4 py-3">
          <Skeleton className="h-3 w-full max-w-3xl" />
        </div>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-3.5 last:border-0">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-4 w-52" />
            <Skeleton className="h-5 w-16 rounded-full" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-4 w-24" />
          </div>
        ))}
      </Card>
    </div>
  );
}
