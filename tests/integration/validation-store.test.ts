import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeFeed } from "../../lib/access/validation/change-feed";
import { AccessStore } from "../../lib/access/validation/store";
import { createServiceToken, deleteServiceToken, updateServiceToken } from "../../lib/service-tokens/service";
import { getEnv } from "../../lib/env";
import { newTenant } from "../helpers/fixtures";

// The validation caches against a real PostgreSQL: filled once, emptied by the change
// notifications of other writers, bounded however many distinct ids are asked for.

let feed: ChangeFeed;
let store: AccessStore;
const payloads: string[] = [];

beforeAll(async () => {
  store = new AccessStore(() => feed.isFresh(), { tokens: 1000, negativeTokens: 50, hosts: 50 });
  feed = new ChangeFeed(getEnv().DATABASE_URL!, {
    change: (p) => {
      payloads.push(p);
      store.change(p);
    },
    reset: () => store.reset(),
  });
  await feed.start();
  const until = Date.now() + 5000;
  while (!feed.isFresh() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
});

afterAll(async () => {
  await feed.stop();
});

/** The cached record, once the notification of the token's own creation has come and gone. */
async function cachedToken(clientId: string) {
  await until(async () => (await store.tokenByClientId(clientId)) === (await store.tokenByClientId(clientId)));
  return store.tokenByClientId(clientId);
}

async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - started;
}

describe("AccessStore with the change feed", () => {
  it("is fresh while its heartbeat is answered", () => {
    expect(feed.isFresh()).toBe(true);
  });

  it("serves a token from its cache, and forgets it when the token is changed or deleted", async () => {
    const { admin } = await newTenant("store");
    const { token } = await createServiceToken(admin, { name: "cached" });
    const first = await cachedToken(token.clientId);
    expect(first?.enabled).toBe(true);
    expect(await store.tokenByClientId(token.clientId)).toBe(first);
    await updateServiceToken(admin, token.id, { enabled: false });
    await until(async () => (await store.tokenByClientId(token.clientId))?.enabled === false);
    await deleteServiceToken(admin, token.id);
    await until(async () => (await store.tokenByClientId(token.clientId)) === null);
    expect(await store.tokenById(token.id)).toBeNull();
  });

  it("a usage stamp (last_seen_at) notifies nobody, while a real change does", async () => {
    const { admin } = await newTenant("stamp");
    const { token } = await createServiceToken(admin, { name: "stamped" });
    const { getDb } = await import("../../lib/db/client");
    const mine = () => payloads.filter((p) => p.startsWith(`t:${token.id}:`)).length;
    await until(() => mine() === 1);
    await getDb().$executeRaw`UPDATE service_tokens SET last_seen_at = now(), previous_secret_last_seen_at = now() WHERE id = ${token.id}::uuid`;
    await updateServiceToken(admin, token.id, { name: "renamed" });
    // Notifications arrive in commit order: once the rename's is here, the stamp's would be too.
    await until(() => mine() >= 2);
    expect(mine()).toBe(2);
  });

  it("keeps at most its limit of unknown client ids, whatever a flood asks for", async () => {
    for (let i = 0; i < 300; i++) expect(await store.tokenByClientId(`${randomBytes(16).toString("hex")}.access`)).toBeNull();
    expect(store.sizes().unknown).toBeLessThanOrEqual(50);
  });

  it("answers from the database, caching nothing, while the feed is not fresh", async () => {
    const { admin } = await newTenant("stale");
    const { token } = await createServiceToken(admin, { name: "uncached" });
    let fresh = false;
    const cold = new AccessStore(() => fresh);
    const a = await cold.tokenByClientId(token.clientId);
    const b = await cold.tokenByClientId(token.clientId);
    expect(a).not.toBeNull();
    expect(b).not.toBe(a);
    expect(cold.sizes().tokens).toBe(0);
    fresh = true;
    const c = await cold.tokenByClientId(token.clientId);
    expect(await cold.tokenByClientId(token.clientId)).toBe(c);
  });
});
