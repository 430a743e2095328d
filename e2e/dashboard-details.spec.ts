import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { cellOf, closeReveal, createAndClose, createServiceToken, longName, openServiceTokens, openTokenPage, tokenRow } from "./support/service-tokens";

// Small things a user reads: an expiry within two days to the minute, a token page's breadcrumb,
// copy toasts that stack, a long name in a table shown whole on keyboard focus.

test("an expiry within two days reads as a countdown with its time; a later one as a date", async ({ page, uniqueName }) => {
  const soon = uniqueName("Expires soon");
  await openServiceTokens(page);
  await page.getByRole("button", { name: "Create Service Token", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Create Service Token" });
  await form.getByLabel("Name", { exact: true }).fill(soon);
  await form.getByLabel("Service Token Duration").selectOption({ label: "Custom…" });
  await form.getByLabel("Custom duration").fill("2h45m");
  await form.getByRole("button", { name: "Generate token" }).click();
  await closeReveal(page.getByRole("dialog", { name: "Service token created" }));
  const later = uniqueName("Expires later");
  await createAndClose(page, later);

  await openServiceTokens(page, soon);
  const cell = await cellOf(page, tokenRow(page, soon), "Expires");
  await expect(cell).toContainText(/^in 2 h 4[45] min/);
  await expect(cell).toContainText(/\w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/);

  await openServiceTokens(page, later);
  await expect(await cellOf(page, tokenRow(page, later), "Expires")).toHaveText(/^\w{3} \d{1,2}, \d{4}$/);
});

test("a token page's breadcrumb names the list and cuts a long name on one line, all of it on hover", async ({ page, uniqueName }) => {
  const name = `${uniqueName("Crumb")}-${randomBytes(100).toString("hex")}`;
  await openServiceTokens(page);
  await createAndClose(page, name);
  await openTokenPage(page, name);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Service Tokens" })).toHaveAttribute("href", "/service-tokens");
  const current = crumbs.locator('[aria-current="page"]');
  await expect(current).toHaveAttribute("title", name);
  const box = await current.evaluate((el) => ({ cut: el.scrollWidth > el.clientWidth, height: el.getBoundingClientRect().height, right: el.getBoundingClientRect().right }));
  expect(box.cut, "an ellipsis, not the whole name").toBe(true);
  expect(box.height).toBeLessThan(24);
  expect(box.right).toBeLessThanOrEqual(page.viewportSize()!.width);
  await crumbs.getByRole("link", { name: "Service Tokens" }).click();
  await expect(page).toHaveURL(/\/service-tokens$/);
});

test("copy toasts stack four deep instead of replacing each other", async ({ page, uniqueName }) => {
  await openServiceTokens(page);
  const { dialog } = await createServiceToken(page, uniqueName("Toasts"));
  // Five copies in a row, faster than a toast goes away (a loaded machine's clicks could be slower).
  await dialog.evaluate((el) => {
    const buttons = [...el.querySelectorAll("button")].filter((b) => /^Copy (Client ID|Client Secret)$/.test(b.textContent ?? ""));
    for (let i = 0; i < 5; i++) buttons[i % buttons.length].click();
  });
  const toasts = page.locator("[data-sonner-toast][data-visible='true']").filter({ hasText: "Copied" });
  await expect(toasts).toHaveCount(4);
  // Expanded: each one readable, none behind another.
  await expect
    .poll(async () => new Set(await toasts.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))).size)
    .toBe(4);
});

test("a long name cut in a table is shown whole while its link has keyboard focus", async ({ page, uniqueName }) => {
  const name = longName(uniqueName("Focus"));
  await openServiceTokens(page);
  await createAndClose(page, name);
  await openServiceTokens(page, name);
  const link = tokenRow(page, name).getByRole("link", { name, exact: true });
  const measure = () =>
    link.evaluate((el) => ({ clipped: el.scrollWidth > el.clientWidth, height: el.getBoundingClientRect().height, focusVisible: el.matches(":focus-visible") }));
  const cut = await measure();
  expect(cut.clipped, "an ellipsis, not the whole name").toBe(true);
  // From the search box to the table by keyboard, as a keyboard user reaches it.
  await page.getByRole("searchbox").focus();
  for (let i = 0; i < 40 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  const whole = await measure();
  expect(whole.focusVisible, "the link has keyboard focus").toBe(true);
  expect(whole.clipped, "the whole name, not clipped").toBe(false);
  expect(whole.height, "wrapped onto more lines").toBeGreaterThan(cut.height * 2);
  await page.keyboard.press("Tab");
  expect((await measure()).clipped, "cut again once focus moves on").toBe(true);
});
