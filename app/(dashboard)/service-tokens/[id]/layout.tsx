import { tokenOfPage } from "./token";

// Looks the token up before anything streams: a notFound() from here, outside every loading
// boundary, answers with HTTP 404 (../not-found.tsx); from inside one (the page, under loading.tsx)
// the 200 would already be on its way.
export default async function ServiceTokenLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await tokenOfPage((await params).id);
  return children;
}
