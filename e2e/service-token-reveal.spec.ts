import { createHash } from "node:crypto";
import { expect, test } from "./fixtures";
import { storedToken } from "./support/db";
import { CLIENT_ID, CLIENT_SECRET, closeReveal, createServiceToken, openServiceTokens, tokenRow } from "./support/service-tokens";

const clipboard = (page: import("@playwright/test").Page) => page.evaluate(() => navigator.clipboard.readText());

test("a new token's secret is shown once: copied exactly, then gone from the page, the URL and a reload", async ({ page, uniqueName, saveScreenshot }) => {
  const name = uniqueName("Reveal");
  await openServiceTokens(page);
  // The server action's answer is the one response that carries the secret: it must not be cached.
  // It is fetched through a route (Chromium may drop a streamed body once the page moves on) and
  // handed to the page unchanged.
  const carriers: { text: string; headers: Record<string, string> }[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || request.headers()["next-action"] === undefined) return route.fallback();
    const response = await route.fetch();
    carriers.push({ text: await response.text(), headers: response.headers() });
    await route.fulfill({ response });
  });
  const { dialog, clientId, clientSecret } = await createServiceToken(page, name);
  await page.unroute("**/*");
  const carrier = carriers.find((c) => c.text.includes(clientSecret));
  expect(carrier, "no server-action answer carried the secret").toBeDefined();
  expect(carrier!.headers["cache-control"]).toContain("no-store");

  expect(clientId).toMatch(CLIENT_ID);
  expect(clientSecret).toMatch(CLIENT_SECRET);
  await expect(dialog.getByRole("alert")).toContainText("only time the Client Secret will be shown");
  await expect(dialog).toContainText(`CF-Access-Client-Id: ${clientId}`);
  await expect(dialog).toContainText(`CF-Access-Client-Secret: ${clientSecret}`);
  await expect(dialog).toContainText(`curl -H "CF-Access-Client-Id: ${clientId}" -H "CF-Access-Client-Secret: ${clientSecret}"`);
  await saveScreenshot(page, "service-token-reveal");

  await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
  await expect.poll(() => clipboard(page)).toBe(clientSecret);
  await dialog.getByRole("button", { name: "Copy Client ID" }).click();
  await expect.poll(() => clipboard(page)).toBe(clientId);
  await dialog.getByRole("button", { name: "Copy headers" }).click();
  await expect.poll(() => clipboard(page)).toBe(`CF-Access-Client-Id: ${clientId}\nCF-Access-Client-Secret: ${clientSecret}`);
  await dialog.getByRole("button", { name: "Copy curl command" }).click();
  await expect.poll(() => clipboard(page)).toContain(`-H "CF-Access-Client-Secret: ${clientSecret}"`);

  // Stored only as its SHA-256 digest.
  const stored = await storedToken({ clientId });
  expect(stored?.name).toBe(name);
  expect(stored?.secret_hash).toBe(createHash("sha256").update(clientSecret).digest("hex"));

  await closeReveal(dialog);
  await expect(tokenRow(page, name)).toBeVisible();
  expect(await page.content()).not.toContain(clientSecret);
  expect(page.url()).not.toContain(clientSecret);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage).not.toContain(clientSecret);

  await page.reload();
  await expect(tokenRow(page, name)).toBeVisible();
  await expect(tokenRow(page, name)).toContainText(clientId);
  expect(await page.content()).not.toContain(clientSecret);
  await saveScreenshot(page, "service-tokens-list");
});

test("searching by name or Client ID narrows the list to the matching tokens", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Search");
  await openServiceTokens(page);
  const first = await createServiceToken(page, `${prefix} alpha`);
  await closeReveal(first.dialog);
  const second = await createServiceToken(page, `${prefix} beta`);
  await closeReveal(second.dialog);

  const search = page.getByRole("searchbox", { name: "Search service tokens" });
  await search.fill(prefix);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(tokenRow(page, first.name)).toBeVisible();
  await expect(tokenRow(page, second.name)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(3);

  await search.fill(second.clientId.toUpperCase());
  await expect(tokenRow(page, first.name)).toHaveCount(0);
  await expect(tokenRow(page, second.name)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
});
