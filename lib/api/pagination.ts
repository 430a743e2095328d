import { invalid } from "../errors";
import { parseInput } from "../input/parse";
import { shortTextSchema } from "../input/text";
import { resultInfo, type ResultInfo } from "./envelope";

// Query parameters of v4 lists. `page` past the end is not an error: it answers `result: []`, which
// is how the SDK's auto-pagination knows to stop.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 1000;
// Keeps (page - 1) * per_page within a 32-bit offset whatever per_page is.
export const MAX_PAGE = 1_000_000;

export interface PageRequest {
  page: number;
  perPage: number;
}

/** The single value of a query parameter; given twice is ambiguous and refused. */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw invalid(name, "must be given at most once");
  return values[0];
}

function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = queryParam(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(name, `must be an integer between ${min} and ${max}`);
  }
  return Number(raw);
}

export function parsePageRequest(query: URLSearchParams, defaultPerPage = DEFAULT_PER_PAGE): PageRequest {
  return {
    page: intParam(query, "page", 1, MAX_PAGE, 1),
    perPage: intParam(query, "per_page", 1, MAX_PER_PAGE, defaultPerPage),
  };
}

export function pageInfo(req: PageRequest, count: number, totalCount: number): ResultInfo {
  return resultInfo(req.page, req.perPage, count, totalCount);
}

/** An optional free-text filter of a list (`name`, `search`): at most 255 storable characters. */
export function textFilterParam(query: URLSearchParams, name: string): string | undefined {
  const raw = queryParam(query, name);
  return raw === undefined ? undefined : parseInput(shortTextSchema, raw, name);
}
