import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApplication, domainFor, openApplicationPage } from "./support/applications";
import { expectPagePolicy, nonceOf } from "./support/security-headers";
import { createAndClose, openServiceTokens, openTokenPage } from "./support/service-tokens";

// Every page carries a Content-Security-Policy with a nonce of its own (proxy.ts), and the app
// still works under it: the browser reports no violation, Next's scripts run, dialogs and server
// actions work. The JSON surfaces (REST API, next-auth, validation endpoint) carry no policy.

const DASHBOARD = [
  "/",
  "/service-tokens",
  "/applications",
  "/policies",
  "/logs/authentication",
  "/logs/audit",
  "/settings",
  "/settings/api-tokens",
  "/settings/admins",
  "/notifications",
  "/notifications/destinations",
  "/notifications/history",
  "/applications/not-a-uuid",
  "/no-such-page",
];

let objectPages: Promise<string[]> | undefined;

/** DASHBOARD and the pages of a real token and a real application, made once per worker through the dashboard. */
function everyPage(page: Page, uniqueName: (label: string) => string): Promise<string[]> {
  objectPages ??= (async () => {
    const name = uniqueName("Headers");
    await openServiceTokens(page);
    await createAndClose(page, `${name} token`);
    const tokenId = await openTokenPage(page, `${name} token`);
    await createApplication(page, `${name} app`, domainFor(name));
    const appId = await openApplicationPage(page, `${name} app`);
    return [`/service-tokens/${tokenId}`, `/applications/${appId}`];
  })();
  return objectPages.then((objects) => [...DASHBOARD, ...objects]);
}

/** CSP violations and console errors about them on `page`, from now on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI || "inline"}`));
  });
  const console: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /content security policy|refused to/i.test(m.text())) console.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])), ...console];
}

test.use({ role: "super_admin" });

test("every page has a policy with a fresh nonce, and every script of the page carries it", async ({ page, uniqueName }) => {
  for (const path of await everyPage(page, uniqueName)) {
    const first = await page.request.get(path);
    const second = await page.request.get(path);
    const nonce = expectPagePolicy(first.headers(), path);
    expect(nonceOf(second.headers()["content-security-policy"]), `${path}: a nonce per request`).not.toBe(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
});

test("the sign-in page has the same policy", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  expectPagePolicy((await ctx.get("/sign-in")).headers(), "/sign-in");
  // The set-up page, once an administrator exists, sends people to sign-in: with the headers too.
  const setup = await ctx.get("/setup", { maxRedirects: 0 });
  expect(setup.status()).toBe(307);
  expectPagePolicy(setup.headers(), "/setup");
  await ctx.dispose();
});

test("the REST API, next-auth and the validation endpoint carry no page policy", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  for (const path of ["/client/v4/user/tokens/verify", "/client/v4/accounts", "/api/auth/csrf", "/cdn-cgi/access/certs"]) {
    const res = await ctx.get(path);
    expect(res.headers()["content-type"], path).toContain("application/json");
    expect(res.headers()["content-security-policy"], path).toBeUndefined();
  }
  await ctx.dispose();
});

test("no page breaks the policy: no violation, Next's scripts run", async ({ page, uniqueName }) => {
  const paths = await everyPage(page, uniqueName);
  const violations = await watchCsp(page);
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
    await expect.poll(() => page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f)), path).toBe(true);
    // Client navigation works: React hydrated the sidebar's links (Next's own 404 page has none).
    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Service Tokens" });
    if (path !== "/no-such-page") {
      await nav.click();
      await expect(page).toHaveURL(/\/service-tokens$/);
    }
    expect(await violations(), path).toEqual([]);
  }
});

test("dialogs, server actions and a token's page work under the policy", async ({ page, uniqueName }) => {
  const violations = await watchCsp(page);
  const name = uniqueName("CSP check");
  await openServiceTokens(page);
  await createAndClose(page, name);
  await openTokenPage(page, name);
  await page.getByRole("button", { name: "Edit" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await violations()).toEqual([]);
});

test("the sign-in page works under the policy", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const violations = await watchCsp(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  expect(await violations()).toEqual([]);
  await context.close();
});
