import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function HistoryLoading() {
  return (
    <TablePageSkeleton
      label="Loading history"
      toolbar={["h-9 w-56", "h-9 w-40", "h-9 w-40"]}
      cells={["h-4 w-24", "h-4 w-40", "h-4 w-40", "h-4 w-36", "h-4 w-20", "h-4 w-48"]}
    />
  );
}
