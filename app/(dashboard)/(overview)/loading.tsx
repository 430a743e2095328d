import { TilesPageSkeleton } from "@/components/layout/page-skeletons";

export default function OverviewLoading() {
  return <TilesPageSkeleton label="Loading the overview" groups={[4, 4]} />;
}
