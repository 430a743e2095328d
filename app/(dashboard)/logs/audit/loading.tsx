import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function AuditLoading() {
  return (
    <TablePageSkeleton
      label="Loading the audit log"
      toolbar={["h-9 w-80", "h-9 w-64"]}
      rows={8}
      cells={["h-4 w-36", "h-4 w-40", "h-5 w-32 rounded-full", "h-4 w-28", "h-4 w-56"]}
    />
  );
}
