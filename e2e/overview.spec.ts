import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { cli } from "../tests/harness/processes";
import { expect, test } from "./fixtures";
import { insertServiceTokens, type SeededToken } from "./support/db";
import { e2eState } from "./support/state";

// The Overview at /: the home sign-in lands on, its counts against an account of the test's own
// (other tests' tokens would move them), each count's link opening the Service Tokens list filtered
// to exactly the tokens it counts, and the list's Status filter in the URL.

const DAY = 24 * 3_600_000;
const tag = `ov-${randomBytes(3).toString("hex")}`;

/** Each token, what it is, and the counts it is in (lib/service-tokens/filters.ts). */
const TOKENS: (SeededToken & { in: string[] })[] = (() => {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const hourAgo = at(-3_600_000);
  return [
    { name: "soon-a", expiresAt: at(2 * DAY), lastSeenAt: hourAgo, in: ["expiring_soon", "expiring_30d"] },
    { name: "soon-b", expiresAt: at(3 * DAY), lastSeenAt: null, in: ["expiring_soon", "expiring_30d", "never_used"] },
    { name: "month", expiresAt: at(20 * DAY), lastSeenAt: hourAgo, in: ["active", "expiring_30d"] },
    { name: "expired", expiresAt: at(-DAY), lastSeenAt: hourAgo, in: ["expired"] },
    { name: "off", enabled: false, expiresAt: at(365 * DAY), lastSeenAt: null, in: ["disabled"] },
    { name: "forever-a", expiresAt: null, lastSeenAt: hourAgo, in: ["active", "non_expiring"] },
    { name: "forever-b", expiresAt: null, lastSeenAt: at(-120 * DAY), in: ["active", "non_expiring", "unused_90d"] },
    { name: "fresh", expiresAt: at(365 * DAY), lastSeenAt: null, in: ["active", "never_used"] },
    { name: "stale", expiresAt: at(365 * DAY), lastSeenAt: at(-100 * DAY), in: ["active", "unused_90d"] },
    { name: "ok", expiresAt: at(365 * DAY), lastSeenAt: hourAgo, in: ["active"] },
  ].map((t) => ({ ...t, name: `${tag}-${t.name}` }));
})();

const COUNTS: [label: string, filter: string][] = [
  ["Expiring within 7 days", "expiring_soon"],
  ["Expiring within 30 days", "expiring_30d"],
  ["Expired", "expired"],
  ["Non-expiring", "non_expiring"],
  ["Never used", "never_used"],
  ["Unused for 90 days", "unused_90d"],
  ["Disabled", "disabled"],
];

const namesIn = (filter: string) => TOKENS.filter((t) => t.in.includes(filter)).map((t) => t.name).sort();

let admin: Promise<{ email: string; password: string }> | undefined;

/** An account of this file's own with the tokens above, and an Access Administrator of it (once per worker). */
function seededAdmin(): Promise<{ email: string; password: string }> {
  admin ??= (async () => {
    const dataDir = e2eState().dataDir;
    const last = (out: string) => out.split("\n").pop()!.trim();
    const accountId = last(await cli(dataDir, ["account", "create", "--name", `Overview ${tag}`]));
    const creds = { email: `${tag}-${randomBytes(3).toString("hex")}@e2e.gatepost.test`, password: `pw-${randomBytes(12).toString("hex")}` };
    await cli(dataDir, ["admin", "create", "--email", creds.email, "--password", creds.password, "--role", "access_admin", "--account", accountId]);
    await insertServiceTokens(accountId, TOKENS);
    return creds;
  })();
  return admin;
}

/** Signs in through the form, in a context of its own; the page is where sign-in landed. */
async function signIn(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const creds = await seededAdmin();
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible({ timeout: 20_000 });
  return page;
}

/** The names of the list's rows, sorted. */
async function rowNames(page: Page): Promise<string[]> {
  return (await page.getByRole("row").getByRole("link").allTextContents()).map((n) => n.trim()).sort();
}

test.describe("the Overview", () => {
  test.describe.configure({ timeout: 120_000 });

  test("is where sign-in lands, shows each count, and each count opens exactly its tokens", async ({ browser, baseURL }) => {
    const page = await signIn(browser, baseURL);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: `All service tokens: ${TOKENS.length}` })).toBeVisible();

    for (const [label, filter] of COUNTS) {
      const tile = page.getByRole("link", { name: `${label}: ${namesIn(filter).length}`, exact: true });
      await expect(tile, label).toBeVisible();
      await tile.click();
      await expect(page).toHaveURL((url) => url.pathname === "/service-tokens" && url.searchParams.get("status") === filter);
      await expect(page.getByLabel("Filter by status")).toHaveValue(filter);
      await expect.poll(() => rowNames(page), label).toEqual(namesIn(filter));
      await page.goBack();
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    }
    await page.context().close();
  });

  test("the list's Status filter changes the URL and the rows, with the search, and survives a reload", async ({ browser, baseURL }) => {
    const page = await signIn(browser, baseURL);
    await page.goto("/service-tokens");
    const filter = page.getByLabel("Filter by status");
    await expect(filter.locator("option")).toHaveText(["All statuses", "Active", "Expiring soon", "Expired", "Disabled"]);

    await filter.selectOption({ label: "Expired" });
    await expect(page).toHaveURL(/[?&]status=expired(&|$)/);
    await expect.poll(() => rowNames(page)).toEqual(namesIn("expired"));
    await page.reload();
    await expect(filter).toHaveValue("expired");
    await expect.poll(() => rowNames(page)).toEqual(namesIn("expired"));

    await filter.selectOption({ label: "Active" });
    await expect(page).toHaveURL(/[?&]status=active(&|$)/);
    await expect.poll(() => rowNames(page)).toEqual(namesIn("active"));
    await page.getByRole("searchbox").fill(`${tag}-forever`);
    await expect(page).toHaveURL((url) => url.searchParams.get("status") === "active" && url.searchParams.get("q") === `${tag}-forever`);
    await expect.poll(() => rowNames(page)).toEqual([`${tag}-forever-a`, `${tag}-forever-b`]);

    await filter.selectOption({ label: "Disabled" });
    await expect(page.getByText(`No results for “${tag}-forever” among “Disabled” tokens`)).toBeVisible();
    await page.getByRole("button", { name: "Reset filters" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/service-tokens" && url.search === "");
    await expect.poll(() => rowNames(page)).toEqual(TOKENS.map((t) => t.name).sort());
    await page.context().close();
  });

  test("a ?status= the list cannot read is named on the page, with the way back", async ({ page }) => {
    const res = await page.goto("/service-tokens?status=expiring&q=x");
    expect(res!.status()).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: "Status (status) is not one of the list's filters." })).toBeVisible();
    await page.getByRole("link", { name: "Show the list without it" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/service-tokens" && url.search === "?q=x");
  });

  test("an account without tokens says so, with the way to create the first", async ({ pageAs }) => {
    const page = await pageAs("empty_account");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No service tokens yet" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create your first service token" })).toBeVisible();
  });
});
