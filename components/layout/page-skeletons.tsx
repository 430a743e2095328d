import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

// The loading states of the dashboard's list and detail pages (their loading.tsx files).

/** A page header: breadcrumbs, title, description. */
function TitleSkeleton() {
  return (
    <div className="mb-6 grid gap-2">
      <Skeleton className="h-3 w-56" />
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-4 w-full max-w-96" />
    </div>
  );
}

/** A page of tiles (the Overview): `groups` gives the number of tiles under each sub-heading. */
export function TilesPageSkeleton({ label, groups }: { label: string; groups: readonly number[] }) {
  return (
    <div role="status" aria-label={label}>
      <TitleSkeleton />
      <div className="grid gap-6">
        {groups.map((tiles, i) => (
          <div key={i}>
            <Skeleton className="mb-3 h-4 w-20" />
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
              {Array.from({ length: tiles }, (_, j) => (
                <Card key={j} className="grid gap-3 p-4">
                  <Skeleton className="h-4 w-32" />
                  <Skeleton className="h-8 w-14" />
                  <Skeleton className="h-3 w-full" />
                </Card>
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * A list page: title block, a toolbar of the given control widths (a search box by default; none
 * for a table without one), the header row and `rows` rows of the given cell widths.
 */
export function TablePageSkeleton({
  label,
  cells,
  toolbar = ["h-9 w-80"],
  rows = 6,
}: {
  label: string;
  cells: readonly string[];
  toolbar?: readonly string[];
  rows?: number;
}) {
  return (
    <div role="status" aria-label={label}>
      <TitleSkeleton />
      <Card className="overflow-hidden">
        {toolbar.length > 0 ? (
          <div className="flex gap-3 border-b border-zinc-200 px-4 py-3">
            {toolbar.map((control, i) => (
              <Skeleton key={i} className={control} />
            ))}
          </div>
        ) : null}
        <div className="border-b border-zinc-200 bg-zinc-50/80 px-4 py-3">
          <Skeleton className="h-3 w-full max-w-3xl" />
        </div>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-3.5 last:border-0">
            {cells.map((cell, j) => (
              <Skeleton key={j} className={cell} />
            ))}
          </div>
        ))}
      </Card>
    </div>
  );
}

/** A detail page: title, a card of nine fields, and one more card below. */
export function DetailPageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label}>
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-3 w-64" />
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
