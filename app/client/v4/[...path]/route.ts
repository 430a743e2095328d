// GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS /client/v4/* (the Cloudflare-compatible REST API)
// One catch-all, so that unknown paths and methods get v4 envelopes (7003, 10405) rather than Next's
// pages; lib/api/routes.ts is the route table.
import { dispatch } from "@/lib/api/router";

export const dynamic = "force-dynamic";

function handle(request: Request): Promise<Response> {
  return dispatch(request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as HEAD, handle as OPTIONS };
