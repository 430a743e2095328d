import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function NotificationsLoading() {
  return <TablePageSkeleton label="Loading notifications" toolbar={[]} cells={["h-4 w-48", "h-4 w-28", "h-4 w-40", "h-4 w-32", "h-4 w-20", "h-4 w-24"]} />;
}
