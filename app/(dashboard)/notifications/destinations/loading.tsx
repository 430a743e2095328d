import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function DestinationsLoading() {
  return <TablePageSkeleton label="Loading destinations" toolbar={[]} cells={["h-4 w-40", "h-4 w-64", "h-4 w-16", "h-4 w-24", "h-4 w-24", "h-4 w-20"]} />;
}
