import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function SettingsLoading() {
  return (
    <div role="status" aria-label="Loading settings">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-40" />
        <Skeleton className="h-7 w-36" />
        <Skeleton className="h-4 w-96" />
      </div>
      <div className="grid gap-6">
        {Array.from({ length: 2 }, (_, i) => (
          <Card key={i} className="p-5">
            <Skeleton className="mb-2 h-5 w-32" />
            <Skeleton className="mb-6 h-4 w-2/3" />
            <Skeleton className="h-4 w-full" />
          </Card>
        ))}
      </div>
    </div>
  );
}
