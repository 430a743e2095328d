import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function ApplicationsLoading() {
  return <TablePageSkeleton label="Loading applications" cells={["h-4 w-40", "h-4 w-56", "h-4 w-20", "h-4 w-20", "h-4 w-24"]} />;
}
