import { tokenOfPage } from "./token";

// The token is looked up here, before anything streams, so that an unknown one is a 404 (detail-lookup.ts).
export default async function ServiceTokenLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await tokenOfPage((await params).id);
  return children;
}
