import pg from "pg";
import { logger } from "../../logger";

// Every instance's window on what the others change. Triggers on the tables validation reads
// (prisma/migrations/20261201090000_validation) NOTIFY "gatepost_access" at COMMIT; this listens on
// a dedicated connection and hands each payload to the validation caches.
//
// Freshness: a heartbeat (SELECT 1) runs on the listening connection every HEARTBEAT_MS.
// PostgreSQL delivers a session's pending notifications before the answer to its next query, so a
// heartbeat sent at T and answered means every change committed before T has been seen. Caches may
// be used only while the last answered heartbeat was sent less than FRESH_MS ago: a change made on
// another instance holds here within FRESH_MS at the latest (in practice one delivery, a few ms),
// inside one second, and an instance that loses its database stops trusting its caches within the
// same bound (fail closed). A slow heartbeat (a loaded machine) only suspends the caches until it
// is answered; one unanswered for HEARTBEAT_TIMEOUT_MS drops the connection.

export const CHANNEL = "gatepost_access";
const HEARTBEAT_MS = 200;
/** A heartbeat unanswered this long means the connection is gone: drop it and reconnect. */
const HEARTBEAT_TIMEOUT_MS = 5000;
export const FRESH_MS = 800;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;

export interface ChangeHandlers {
  /** One NOTIFY payload ("t:<id>:<client id>", "a:<account id>", "k:<account id>"). */
  change(payload: string): void;
  /** Notifications may have been missed (connection lost or new): forget everything cached. */
  reset(): void;
}

export class ChangeFeed {
  private client: pg.Client | null = null;
  private confirmedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private backoff = RECONNECT_MIN_MS;
  private connected = false;
  private lastProblem: string | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: ChangeHandlers,
  ) {}

  /** Whether cached decisions may be used now (see the file comment). */
  isFresh(now = Date.now()): boolean {
    return this.connected && now - this.confirmedAt < FRESH_MS;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000, application_name: "gatepost change feed" });
    client.on("error", (err) => this.lost(client, err.message));
    client.on("end", () => this.lost(client, "connection closed"));
    client.on("notification", (msg) => {
      if (msg.channel === CHANNEL && msg.payload) this.handlers.change(msg.payload);
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.lost(client, err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.client !== client) return;
    // Whatever changed while nobody listened is unknown: start from an empty cache.
    this.handlers.reset();
    this.connected = true;
    this.backoff = RECONNECT_MIN_MS;
    if (this.lastProblem !== null) logger.info("change feed reconnected: validation caches in use again");
    this.lastProblem = null;
    this.beat(client);
  }

  private beat(client: pg.Client): void {
    if (this.stopped || this.client !== client) return;
    const sentAt = Date.now();
    const timeout = setTimeout(() => this.lost(client, `heartbeat unanswered after ${HEARTBEAT_TIMEOUT_MS} ms`), HEARTBEAT_TIMEOUT_MS);
    client.query("SELECT 1").then(
      () => {
        clearTimeout(timeout);
        if (this.client !== client) return;
        this.confirmedAt = sentAt;
        this.timer = setTimeout(() => this.beat(client), HEARTBEAT_MS);
      },
      (err: unknown) => {
        clearTimeout(timeout);
        this.lost(client, err instanceof Error ? err.message : String(err));
      },
    );
  }

  private lost(client: pg.Client, problem: string): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    this.confirmedAt = 0;
    this.handlers.reset();
    if (this.lastProblem === null) {
      logger.warn({ problem }, "change feed lost: validation answers from the database only (503 while it is unreachable)");
    }
    this.lastProblem = problem;
    client.removeAllListeners("end");
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, RECONNECT_MAX_MS);
    this.timer = setTimeout(() => void this.connect(), wait);
  }
}
