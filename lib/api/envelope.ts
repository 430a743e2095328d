// The Cloudflare v4 envelope. Pure: no Next, no database. Every API answer goes through here, so it
// is always JSON with success/errors/messages/result, and never a 204.

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface ApiErrorBody {
  code: number;
  message: string;
}

export interface Envelope {
  success: boolean;
  errors: ApiErrorBody[];
  messages: string[];
  result: unknown;
  result_info?: ResultInfo;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" } as const;

export function successBody(result: unknown, resultInfo?: ResultInfo): Envelope {
  const body: Envelope = { success: true, errors: [], messages: [], result };
  if (resultInfo) body.result_info = resultInfo;
  return body;
}

export function failureBody(code: number, message: string): Envelope {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

export function jsonResponse(status: number, body: Envelope, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function successResponse(
  result: unknown,
  opts: { status?: number; resultInfo?: ResultInfo; headers?: Record<string, string> } = {},
): Response {
  return jsonResponse(opts.status ?? 200, successBody(result, opts.resultInfo), opts.headers);
}

export function failureResponse(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, failureBody(code, message), headers);
}

/** result_info of one page: total_pages is 0 for an empty collection, as Cloudflare answers. */
export function resultInfo(page: number, perPage: number, count: number, totalCount: number): ResultInfo {
  return { page, per_page: perPage, count, total_count: totalCount, total_pages: Math.ceil(totalCount / perPage) };
}
