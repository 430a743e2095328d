import "server-only";
import { getEnv, type Env } from "../env";
import { logger } from "../logger";
import { DeliveryOwner } from "./claims";
import { createMailer, fromAddress, type Mailer } from "./deliver-email";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry";
import { claimDueAlerts, deliverPending, type DeliverySummary } from "./scan";

// The expiry-alert scanner of one `npm start` process: a scan every ALERT_SCAN_INTERVAL (never two
// at once in one process), each adopting what stopped instances left pending, claiming what is
// due and delivering its own claims. Any number of instances may run it against one database:
// claims make each delivery one instance's (scan.ts, claims.ts).

/** How long stop() waits for deliveries in flight before it lets them go to the next scanner. */
const STOP_GRACE_MS = 3000;

export interface AlertScannerOptions {
  databaseUrl: string;
  intervalMs: number;
  publicUrl: string;
  smtp: { url: string; from: string } | null;
  retry?: RetryPolicy;
  webhookTimeoutMs?: number;
}

export interface ScanSummary extends DeliverySummary {
  adopted: number;
  claimed: number;
  ms: number;
}

export class AlertScanner {
  private readonly claims: DeliveryOwner;
  private readonly mailer: Mailer | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ScanSummary> | null = null;
  private abort = new AbortController();
  private stopping = false;

  constructor(private readonly options: AlertScannerOptions) {
    this.claims = new DeliveryOwner(options.databaseUrl, () => this.abort.abort());
    this.mailer = options.smtp ? createMailer(options.smtp.url, options.smtp.from) : null;
  }

  /** As `npm start` runs it: ALERT_SCAN_INTERVAL, PUBLIC_URL, SMTP_URL and SMTP_FROM. */
  static fromEnv(env: Env = getEnv()): AlertScanner {
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    return new AlertScanner({
      databaseUrl: env.DATABASE_URL,
      intervalMs: env.alertScanIntervalMs,
      publicUrl: env.publicUrl,
      smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: fromAddress(env.SMTP_FROM, env.publicUrl) } : null,
    });
  }

  /** Scans now, then every interval. */
  start(): void {
    if (!this.mailer) logger.warn("SMTP_URL is not set: alert emails are recorded in the history as not sent (smtp_not_configured)");
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.scanNow()
        .catch((err: unknown) => logger.warn({ err: { message: err instanceof Error ? err.message.split("\n")[0].slice(0, 300) : String(err) } }, "alert scan failed"))
        .finally(() => this.schedule(this.options.intervalMs));
    }, ms);
    this.timer.unref();
  }

  /** One scan, or the one already running. */
  scanNow(): Promise<ScanSummary> {
    this.running ??= this.scan().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async scan(): Promise<ScanSummary> {
    const started = performance.now();
    // A scanner whose lock session broke starts over with a new owner number.
    if (this.abort.signal.aborted && !this.stopping) this.abort = new AbortController();
    const owner = await this.claims.acquire();
    const ctx = {
      claims: this.claims,
      owner,
      now: new Date(),
      publicUrl: this.options.publicUrl,
      mailer: this.mailer,
      retry: this.options.retry ?? DEFAULT_RETRY,
      signal: this.abort.signal,
      webhookTimeoutMs: this.options.webhookTimeoutMs,
    };
    const adopted = await this.claims.adoptOrphans();
    const claimed = await claimDueAlerts(ctx);
    const delivered = await deliverPending(ctx);
    const summary = { adopted, claimed, ...delivered, ms: Math.round(performance.now() - started) };
    if (adopted + claimed + delivered.sent + delivered.failed + delivered.interrupted > 0) logger.info(summary, "alert scan");
    return summary;
  }

  /** Stops scanning: deliveries still in flight after a short grace stay pending for the next scanner. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    if (this.running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.running.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    }
    this.mailer?.close();
    await this.claims.release();
  }
}
