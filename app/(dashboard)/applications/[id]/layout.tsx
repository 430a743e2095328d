import { appOfPage } from "./app";

// The application is looked up here, before anything streams, so that an unknown one is a 404 (detail-lookup.ts).
export default async function ApplicationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await appOfPage((await params).id);
  return children;
}
