import { openSync, readSync, statSync, closeSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eState } from "./support/state";

// Every dashboard page, every parameter it reads, against a corpus of hostile query strings: no
// 5xx, no error page, and the server's log stays JSON lines (no plain-text stack). A search the
// API's rule refuses is said on the page, which stays usable.

/**
 * Raw query values, as a hand-edited URL or a script would send them (already %-encoded). A URL
 * cannot carry a lone surrogate: "%ED%A0%80" (its UTF-8 form) decodes to U+FFFD. The real one is
 * pasted into a search box below.
 */
const HOSTILE: Record<string, (param: string) => string> = {
  nul: (p) => `${p}=api%00x`,
  "lone surrogate": (p) => `${p}=%ED%A0%80`,
  "10 KB": (p) => `${p}=${"x".repeat(10_240)}`,
  "%-garbage": (p) => `${p}=%E0%A4%A`,
  "bare %": (p) => `${p}=%`,
  array: (p) => `${p}=a&${p}=b`,
  "-1e400": (p) => `${p}=-1e400`,
  __proto__: (p) => `${p}=__proto__`,
  "empty key": () => `=x&&&`,
};

const PAGES: Record<string, string[]> = {
  "/": ["status", "q"],
  "/service-tokens": ["status", "q", "page", "per_page", "sort", "order"],
  "/applications": ["q", "page", "per_page"],
  "/policies": ["q", "page", "per_page"],
  "/logs/audit": ["q", "page", "per_page", "action"],
  "/logs/authentication": ["page", "per_page", "app", "token", "outcome", "reason", "range"],
  "/settings": ["q"],
  "/settings/api-tokens": ["q", "page", "per_page"],
  "/settings/admins": ["q", "page", "per_page", "sort", "order"],
  "/notifications": ["page", "per_page"],
  "/notifications/destinations": ["page", "per_page"],
  "/notifications/history": ["status", "policy_id", "mechanism_type", "page", "per_page"],
};

const serverLog = () => path.join(e2eState().dataDir, "server.log");

/** What the server logged since `from` (a byte offset), as lines. */
function logSince(from: number): string[] {
  const size = statSync(serverLog()).size;
  if (size <= from) return [];
  const fd = openSync(serverLog(), "r");
  try {
    const buf = Buffer.alloc(size - from);
    readSync(fd, buf, 0, buf.length, from);
    return buf.toString("utf8").split("\n").filter((l) => l.trim() !== "");
  } finally {
    closeSync(fd);
  }
}

function expectJsonLines(lines: string[]): void {
  const plain = lines.filter((l) => {
    try {
      return typeof JSON.parse(l) !== "object";
    } catch {
      return true;
    }
  });
  expect(plain, "server log lines that are not JSON").toEqual([]);
}

async function expectPageHolds(page: Page, url: string, opts: { status?: number } = {}): Promise<void> {
  const res = await page.goto(url);
  const status = res!.status();
  if (opts.status) expect(status, url.slice(0, 200)).toBe(opts.status);
  else expect(status, url.slice(0, 200)).toBeLessThan(500);
  await expect(page.getByRole("heading", { level: 1 }).first(), url.slice(0, 200)).toBeVisible();
  await expect(page.getByText("Something went wrong"), url.slice(0, 200)).toHaveCount(0);
}

/** The same checks on the server's HTML alone (no rendering in the browser): for the bulk of the corpus. */
async function expectHtmlHolds(page: Page, url: string): Promise<void> {
  const res = await page.request.get(url, { maxRedirects: 5 });
  expect(res.status(), url.slice(0, 200)).toBeLessThan(500);
  const html = await res.text();
  expect(html, url.slice(0, 200)).toContain("<h1");
  expect(html, url.slice(0, 200)).not.toContain("Something went wrong");
}

test.use({ role: "super_admin" });

for (const [pathname, params] of Object.entries(PAGES)) {
  test(`${pathname} holds up under hostile query strings`, async ({ page }) => {
    test.setTimeout(240_000);
    const from = statSync(serverLog()).size;
    // Every value in the browser for the page's first parameter; every other parameter's values
    // as HTML (the server renders the page and its error boundary alike): a few minutes less.
    const [first, ...rest] = params;
    for (const make of Object.values(HOSTILE)) await expectPageHolds(page, `${pathname}?${make(first)}`);
    for (const param of rest) {
      for (const make of Object.values(HOSTILE)) await expectHtmlHolds(page, `${pathname}?${make(param)}`);
    }
    expectJsonLines(logSince(from));
  });
}

test("detail pages with hostile ids answer 404, not an error", async ({ page }) => {
  const from = statSync(serverLog()).size;
  for (const base of ["/service-tokens", "/applications"]) {
    for (const id of ["%00", "api%00x", "%ED%A0%80", "x".repeat(10_240), "__proto__", "-1e400", "..%2F..%2Fsettings", "%E0%A4%A"]) {
      await expectPageHolds(page, `${base}/${id}`, { status: 404 });
    }
  }
  expectJsonLines(logSince(from));
});

test("a refused search is said on the page, and the list stays usable", async ({ page }) => {
  for (const pathname of ["/service-tokens", "/applications", "/policies", "/logs/audit"]) {
    await page.goto(`${pathname}?q=api%00x`);
    const search = page.getByRole("searchbox");
    await expect(search).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "Search must not contain NUL characters or unpaired surrogates" })).toBeVisible();
    // Clearing the box searches again, for everything. Until React has hydrated the box, what is
    // typed is not seen: type again (a term and its removal, so the box changes every time).
    await expect(async () => {
      await search.fill("x");
      await search.fill("");
      await expect(page).toHaveURL(new RegExp(`${pathname}$`), { timeout: 1000 });
    }).toPass();
    await expect(page.getByText("Search must not contain")).toHaveCount(0);
  }
});

/**
 * "api" and `text` pasted over what the page's search box holds, at once (a debounce between the
 * two would search for "api" first). Through execCommand, as a paste inserts: fill and
 * keyboard.insertText hand the browser U+FFFD for a lone surrogate, a string made in the page keeps it.
 */
async function pasteIntoSearch(page: Page, text: string): Promise<void> {
  const search = page.getByRole("searchbox");
  const codes = [..."api", ...text].map((c) => c.charCodeAt(0));
  await search.selectText();
  await page.evaluate((cs) => document.execCommand("insertText", false, String.fromCharCode(...cs)), codes);
  expect(await search.evaluate((el: HTMLInputElement) => [...el.value].map((c) => c.charCodeAt(0))), "what the box holds").toEqual(codes);
}

for (const [what, text] of [
  ["a NUL", "\u0000"],
  ["a lone surrogate", "\ud800"],
] as const) {
  test(`${what} pasted into a search box is said under it, not searched for, and no error page`, async ({ page }) => {
    const from = statSync(serverLog()).size;
    for (const pathname of ["/service-tokens", "/applications", "/policies", "/logs/audit"]) {
      // A search already made: the list shows its search box whether or not the account has rows.
      await page.goto(`${pathname}?q=earlier`);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const search = page.getByRole("searchbox");
      // Until React has hydrated the box, hydration puts back what the URL says: paste again.
      await expect(async () => {
        await pasteIntoSearch(page, text);
        await expect(search, pathname).toHaveAttribute("aria-invalid", "true", { timeout: 1000 });
      }).toPass();
      await expect(page.getByRole("alert").filter({ hasText: "Search must not contain NUL characters or unpaired surrogates" }), pathname).toBeVisible();
      // Neither Enter nor the box's debounce (300 ms) sends it: the URL keeps the earlier search.
      await search.press("Enter");
      await page.waitForTimeout(600);
      expect(new URL(page.url()).search, pathname).toBe("?q=earlier");
      await expect(page.getByText("Something went wrong"), pathname).toHaveCount(0);
    }
    expectJsonLines(logSince(from));
  });
}

test("an account with nothing in it says why the search was refused, with the way back", async ({ pageAs }) => {
  const page = await pageAs("empty_account");
  await page.goto("/service-tokens?q=%00");
  await expect(page.getByText("Search must not contain NUL characters or unpaired surrogates.", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Reset search" }).click();
  await expect(page.getByRole("heading", { name: "No service tokens yet" })).toBeVisible();
});

for (const [what, text] of [
  ["a NUL", "\u0000"],
  ["a lone surrogate", "\ud800"],
] as const) {
  test(`a name pasted with ${what} gets a form message naming the field, not an error page`, async ({ page, uniqueName }) => {
    const from = statSync(serverLog()).size;
    const prefix = uniqueName("api");
    await page.goto("/service-tokens");
    await page.getByRole("button", { name: "Create Service Token", exact: true }).click();
    const form = page.getByRole("dialog", { name: "Create Service Token" });
    const name = form.getByLabel("Name", { exact: true });
    await name.fill(prefix);
    // Made in the page (see pasteIntoSearch): fill would turn a lone surrogate into U+FFFD.
    await name.evaluate((el: HTMLInputElement, code) => {
      el.focus();
      document.execCommand("insertText", false, `${String.fromCharCode(code)}x`);
    }, text.charCodeAt(0));
    expect(await name.evaluate((el: HTMLInputElement) => el.value.charCodeAt(el.value.length - 2))).toBe(text.charCodeAt(0));
    await form.getByRole("button", { name: "Generate token" }).click();
    await expect(form.getByText("Name must not contain NUL characters or unpaired surrogates")).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page.getByRole("dialog", { name: "Service token created" })).toHaveCount(0);
    expectJsonLines(logSince(from));
    // Nothing was made: no token of that name.
    await page.goto(`/service-tokens?q=${encodeURIComponent(prefix)}`);
    await expect(page.getByRole("link", { name: new RegExp(`^${prefix}`) })).toHaveCount(0);
  });
}

test("a name with a bidirectional override gets the form's message naming the problem, and nothing is created", async ({ page, uniqueName }) => {
  const prefix = uniqueName("bidi");
  await page.goto("/service-tokens");
  await page.getByRole("button", { name: "Create Service Token", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Create Service Token" });
  const name = form.getByLabel("Name", { exact: true });
  // "\u202eRTL" displays as "LTR": a name that lies about itself.
  await name.fill(`${prefix} \u202eRTL`);
  await form.getByRole("button", { name: "Generate token" }).click();
  await expect(form.getByText("Name must not contain control characters, line breaks or bidirectional text controls")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(form).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Service token created" })).toHaveCount(0);
  await page.goto(`/service-tokens?q=${encodeURIComponent(prefix)}`);
  await expect(page.getByRole("link", { name: new RegExp(`^${prefix}`) })).toHaveCount(0);
});

test("signing in with a NUL in the email is a failed sign-in, not an error", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  const from = statSync(serverLog()).size;
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const email of ["admin\u0000@example.com", "\ud800admin@example.com"]) {
    const res = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "not-the-password", json: "true" },
      maxRedirects: 0,
    });
    expect(res.status(), email).toBeLessThan(500);
    expect((await res.json()) as { url: string }).toMatchObject({ url: expect.stringContaining("error=CredentialsSignin") });
  }
  expectJsonLines(logSince(from));
  await ctx.dispose();
});
