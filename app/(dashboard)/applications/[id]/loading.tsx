import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function ApplicationLoading() {
  return (
    <div role="status" aria-label="Loading the application">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-56" />
        <Skeleton className="h-7 w-56" />
      </div>
      <div className="grid gap-6">
        <Card className="p-5">
          <Skeleton className="mb-6 h-5 w-24" />
          <div className="grid gap-6 sm:grid-cols-2 xl:grid-cols-3">
            {Array.from({ length: 9 }, (_, i) => (
              <div key={i} className="grid gap-2">
                <Skeleton className="h-3 w-24" />
                <Skeleton className="h-4 w-44" />
              </div>
            ))}
          </div>
        </Card>
        <Card className="p-5">
          <Skeleton className="mb-4 h-5 w-28" />
          <Skeleton className="mb-3 h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </Card>
      </div>
    </div>
  );
}
