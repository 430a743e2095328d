import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function ServiceTokensLoading() {
  return <TablePageSkeleton label="Loading service tokens" cells={["h-4 w-36", "h-4 w-52", "h-5 w-16 rounded-full", "h-4 w-24", "h-4 w-20", "h-4 w-24"]} />;
}
