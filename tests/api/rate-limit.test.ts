import Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness/gatepost";
import { embeddedDatabaseUrl } from "../harness/processes";
import { createApiTokenWithCli, insertApiToken } from "../harness/server-fixtures";

// The REST API's rate limit, as Cloudflare's: 1,200 requests per API token per 5 minutes (the
// defaults), the next one a 429 with code 10429 and Retry-After; another token is unaffected. And
// the `cloudflare` SDK waits as Retry-After says, then succeeds: on a second server with a limit
// of 5 per 4 s, so that the wait stays short. Servers of this file's own (the shared test servers
// lift the limit).

const LIMIT = 1200;
const CONCURRENCY = 16;
const SMALL = { limit: 5, windowS: 4 };

interface Limited {
  server: TestServer;
  accountId: string;
  first: string;
  second: string;
}

let defaults: Limited | undefined;
let small: Limited | undefined;

async function limitedServer(env: Record<string, string | undefined>): Promise<Limited> {
  const server = await startTestServer({ env });
  // The CLI's token finds the account; the two under test have sent nothing yet.
  const cliToken = await createApiTokenWithCli(server.dataDir, { name: "setup", permissions: ["Access: Service Tokens Read"] });
  const res = await fetch(`${server.url}/client/v4/accounts`, { headers: { authorization: `Bearer ${cliToken}` } });
  const accountId = ((await res.json()) as { result: { id: string }[] }).result[0].id;
  const insert = (name: string) => insertApiToken(embeddedDatabaseUrl(server.dataDir), { accountId, name, permissions: ["Access: Service Tokens Read"] });
  const [first, second] = await Promise.all([insert("rate limited"), insert("unaffected")]);
  return { server, accountId, first, second };
}

beforeAll(async () => {
  [defaults, small] = await Promise.all([
    limitedServer({ API_RATE_LIMIT: undefined, API_RATE_LIMIT_WINDOW: undefined }),
    limitedServer({ API_RATE_LIMIT: String(SMALL.limit), API_RATE_LIMIT_WINDOW: `${SMALL.windowS}s` }),
  ]);
}, 300_000);

afterAll(async () => {
  await Promise.all([defaults?.server.stop(), small?.server.stop()]);
});

const list = (l: Limited, token: string) =>
  fetch(`${l.server.url}/client/v4/accounts/${l.accountId}/access/service_tokens?per_page=1`, { headers: { authorization: `Bearer ${token}` } });

describe("API rate limit", () => {
  it(`answers the ${LIMIT + 1}st request of a token within 5 minutes with 429, code 10429 and Retry-After`, async () => {
    const l = defaults!;
    let sent = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < LIMIT) {
          sent++;
          const r = await list(l, l.first);
          await r.arrayBuffer();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const elapsedS = (Date.now() - started) / 1000;
    expect(Object.fromEntries(statuses)).toEqual({ 200: LIMIT });

    const refused = await list(l, l.first);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    // The window started with the first request: what is left of its 300 s, in whole seconds
    // rounded up (the server's window began a moment after this test's clock started).
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(300 - Math.floor(elapsedS) + 1);
    const body = (await refused.json()) as { success: boolean; errors: { code: number; message: string }[] };
    expect(body.success).toBe(false);
    expect(body.errors[0].code).toBe(10429);
    console.log(`rate limit: ${LIMIT} requests in ${elapsedS.toFixed(1)} s, then 429 with Retry-After ${retryAfter} s`);

    // Another token of the same account is not affected.
    const other = await list(l, l.second);
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    // The SDK surfaces it as its RateLimitError.
    const sdk = new Cloudflare({ apiToken: l.first, baseURL: `${l.server.url}/client/v4`, maxRetries: 0 });
    await expect(sdk.zeroTrust.access.serviceTokens.list({ account_id: l.accountId })).rejects.toBeInstanceOf(Cloudflare.RateLimitError);
  }, 240_000);

  it("the SDK's retry waits as Retry-After says, then succeeds", async () => {
    const l = small!;
    for (let i = 0; i < SMALL.limit; i++) expect((await list(l, l.first)).status).toBe(200);
    const refused = await list(l, l.first);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(SMALL.windowS);

    const attempts: number[] = [];
    const sdk = new Cloudflare({
      apiToken: l.first,
      baseURL: `${l.server.url}/client/v4`,
      maxRetries: 2,
      fetch: (url, init) => {
        attempts.push(Date.now());
        return fetch(url, init);
      },
    });
    const page = await sdk.zeroTrust.access.serviceTokens.list({ account_id: l.accountId });
    expect(page.result).toEqual([]);
    // Refused once (or more, while the window lasted), then admitted; each retry came after the
    // wait the 429 asked for, whole seconds, less the time the answer took to arrive.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(900);
  }, 120_000);
});
