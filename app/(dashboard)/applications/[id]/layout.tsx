import { appOfPage } from "./app";

// Looks the application up before anything streams: a notFound() from here, outside every loading
// boundary, answers with HTTP 404 (../not-found.tsx); from inside one (the page, under loading.tsx)
// the 200 would already be on its way.
export default async function ApplicationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await appOfPage((await params).id);
  return children;
}
