import { TablePageSkeleton } from "@/components/layout/page-skeletons";

export default function AuthenticationLogLoading() {
  return (
    <TablePageSkeleton
      label="Loading the authentication log"
      cells={["h-4 w-24 shrink-0", "h-5 w-20 shrink-0 rounded-full", "h-4 w-32 shrink-0", "h-4 w-44 shrink-0", "h-4 w-36 shrink-0", "h-4 w-24 shrink-0", "h-4 w-40 shrink-0"]}
    />
  );
}
