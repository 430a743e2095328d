import { DeliveryInterrupted, withRetries, type DeliveryOutcome, type RetryPolicy } from "./retry";

// Webhook deliveries: a JSON POST with the destination's secret in cf-webhook-auth (as Cloudflare
// sends it), a timeout per attempt, redirects not followed, success = any 2xx. The URL (a Slack
// webhook's path is itself a credential) and the secret never reach a log line or an outcome.

export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = "Gatepost-Notifications/1";

export interface WebhookTarget {
  url: string;
  /** null: no cf-webhook-auth header. */
  secret: string | null;
}

export interface PostResult {
  ok: boolean;
  /** HTTP status, null when there was no answer. */
  status: number | null;
  /** "HTTP 204", "timeout after 10 s", "network error: ECONNREFUSED" */
  outcome: string;
  ms: number;
}

/** What went wrong with a fetch, without the URL: undici's causes carry a code and the address only. */
function networkOutcome(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : null;
  const message = typeof cause?.message === "string" ? cause.message.slice(0, 200) : err instanceof Error ? err.message.slice(0, 200) : "unknown error";
  return `network error: ${code && !message.includes(code) ? `${code} ` : ""}${message}`;
}

/** One POST. Never throws, except DeliveryInterrupted when `signal` (the scanner's stop) fires. */
export async function postWebhook(target: WebhookTarget, body: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<PostResult> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": USER_AGENT };
  if (target.secret !== null) headers["cf-webhook-auth"] = target.secret;
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
    });
    // Read (and drop) the answer so that the connection can be reused; a slow body counts against the timeout.
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
    return { ok, status: res.status, outcome: `HTTP ${res.status}${redirect}`, ms: elapsed() };
  } catch (err) {
    if (opts.signal?.aborted) throw new DeliveryInterrupted();
    if (timeout.aborted) return { ok: false, status: null, outcome: `timeout after ${timeoutMs / 1000} s`, ms: elapsed() };
    return { ok: false, status: null, outcome: networkOutcome(err), ms: elapsed() };
  }
}

/** Delivers `body` with retries; `onAttempt` records each attempt on the destination (last_success, last_failure). */
export function deliverWebhook(
  target: WebhookTarget,
  body: string,
  opts: { policy: RetryPolicy; signal: AbortSignal; timeoutMs?: number; onAttempt?: (ok: boolean, at: Date) => Promise<void> },
): Promise<DeliveryOutcome> {
  return withRetries(() => postWebhook(target, body, { timeoutMs: opts.timeoutMs, signal: opts.signal }), opts);
}
