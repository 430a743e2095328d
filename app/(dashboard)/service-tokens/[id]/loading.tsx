import { DetailPageSkeleton } from "@/components/layout/page-skeletons";

export default function ServiceTokenLoading() {
  return <DetailPageSkeleton label="Loading the service token" />;
}
