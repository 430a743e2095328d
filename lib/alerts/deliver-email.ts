import nodemailer from "nodemailer";
import { getEnv, type Env } from "../env";
import { alertEmail, type AlertPayload } from "./message";
import { withRetries, type DeliveryOutcome, type RetryPolicy } from "./retry";

// Email deliveries through nodemailer over SMTP (SMTP_URL, SMTP_FROM), one message per recipient
// so that each has its own history row. Without SMTP_URL there is no mailer, and the scan records
// email deliveries as not sent (smtp_not_configured) instead.

export const SMTP_NOT_CONFIGURED = "smtp_not_configured";
const TIMEOUT_MS = 10_000;

export interface Mailer {
  /** The SMTP server's answer ("250 OK ..."); throws what nodemailer throws. */
  send(to: string, message: { subject: string; text: string; html: string }): Promise<string>;
  close(): void;
}

/** Whether alert emails are sent at all: SMTP_URL is set (SMTP_FROM has a default). The dashboard warns when not. */
export function emailConfigured(env: Pick<Env, "SMTP_URL"> = getEnv()): boolean {
  return Boolean(env.SMTP_URL);
}

/** SMTP_FROM, or alerts@<the PUBLIC_URL host>. */
export function fromAddress(smtpFrom: string | undefined, publicUrl: string): string {
  return smtpFrom ?? `Gatepost <alerts@${new URL(publicUrl).hostname}>`;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 2 * TIMEOUT_MS,
  });
  return {
    async send(to, message) {
      const info = await transport.sendMail({ from, to, ...message });
      return String(info.response ?? "accepted");
    },
    close: () => transport.close(),
  };
}

/** The server's words without the credentials or the message: nodemailer puts neither in them. */
function smtpOutcome(err: unknown): string {
  const e = err as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  if (typeof e.response === "string") return `smtp: ${e.response.slice(0, 300)}`;
  const code = typeof e.code === "string" ? `${e.code} ` : "";
  return `smtp: ${code}${typeof e.message === "string" ? e.message.slice(0, 300) : "unknown error"}`;
}

export function deliverEmail(
  mailer: Mailer,
  to: string,
  payload: AlertPayload,
  opts: { policy: RetryPolicy; signal: AbortSignal },
): Promise<DeliveryOutcome> {
  const message = alertEmail(payload);
  return withRetries(async () => {
    try {
      return { ok: true, outcome: (await mailer.send(to, message)).slice(0, 300) };
    } catch (err) {
      return { ok: false, outcome: smtpOutcome(err) };
    }
  }, opts);
}
