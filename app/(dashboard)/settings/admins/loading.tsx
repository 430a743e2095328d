import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function AdminsLoading() {
  return <TablePageSkeleton label="Loading administrators" toolbar={[]} cells={["h-4 w-56", "h-4 w-32", "h-4 w-20", "h-4 w-20"]} />;
}
