import { DetailPageSkeleton } from "@/components/layout/page-skeletons";

export default function ApplicationLoading() {
  return <DetailPageSkeleton label="Loading the application" />;
}
