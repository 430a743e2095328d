import { expect, test } from "./fixtures";
import { animationsSettled, expectInViewport, expectNoHorizontalOverflow, PHONE } from "./support/layout";
import { closeReveal, createAndClose, createServiceToken, longName, openServiceTokens, openTokenPage, rowAction, tokenRow } from "./support/service-tokens";

// Long names (255 characters, no space to wrap at), a 1280 px laptop and a 390 px phone: every
// button stays reachable, tables scroll inside their card, and no page scrolls sideways.

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the Service Tokens table fits its card: a 255-character name is cut, its row's actions button is in view, and its menu moves nothing", async ({ page, uniqueName }) => {
    const name = longName(uniqueName("Fit"));
    await openServiceTokens(page);
    await createAndClose(page, name);
    await openServiceTokens(page, name);

    const table = page.getByRole("table", { name: "Service tokens" });
    const card = page.locator("section").filter({ has: table });
    const scroller = table.locator("xpath=..");
    const button = page.getByRole("button", { name: `Actions for ${name}`, exact: true });
    const cardBox = (await card.boundingBox())!;
    const buttonBox = (await button.boundingBox())!;
    expect(buttonBox.x + buttonBox.width, "the actions button ends inside the card").toBeLessThanOrEqual(cardBox.x + cardBox.width);
    await expectInViewport(page, button, "the actions button");
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth, "the table is no wider than its card").toBeLessThanOrEqual(clientWidth);

    // The name is cut to its column, whole in its title.
    const link = tokenRow(page, name).getByRole("link", { name, exact: true });
    await expect(link).toHaveAttribute("title", name);
    expect((await link.boundingBox())!.width).toBeLessThan(cardBox.width / 2);

    await button.click();
    await expect(page.getByRole("menu", { name: `Actions for ${name}` })).toBeVisible();
    expect(await scroller.evaluate((el) => el.scrollLeft), "opening the menu scrolled the table").toBe(0);
    await expectInViewport(page, link, "the name");
    await expectNoHorizontalOverflow(page);
  });
});

test.describe("with a 255-character name", () => {
  test("the token page wraps it, and the Refresh, Rotate and Delete dialogs keep their buttons in view", async ({ page, uniqueName }) => {
    const name = longName(uniqueName("Wrap"));
    await openServiceTokens(page);
    await createAndClose(page, name);
    await openTokenPage(page, name);
    await expectNoHorizontalOverflow(page);

    for (const [button, title, confirm] of [
      ["Refresh", "Refresh service token", "Refresh"],
      ["Delete", "Delete service token", "Delete"],
      ["Rotate", "Rotate client secret", "Rotate"],
    ] as const) {
      await page.getByRole("button", { name: button, exact: true }).click();
      const dialog = page.getByRole(button === "Rotate" ? "dialog" : "alertdialog", { name: title });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(name);
      await expectInViewport(page, dialog, `the ${button} dialog`);
      await expectInViewport(page, dialog.getByRole("button", { name: "Cancel" }), `${button}: Cancel`);
      await expectInViewport(page, dialog.getByRole("button", { name: confirm, exact: true }), `${button}: ${confirm}`);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
    }
  });

  test("the toast that quotes it stays a few lines high", async ({ page, uniqueName }) => {
    const name = longName(uniqueName("Toast"));
    await openServiceTokens(page);
    // Measured as each toast appears: on a busy machine it may be gone before a locator looks.
    await page.evaluate(() => {
      const seen: { text: string; height: number; right: number }[] = [];
      (window as unknown as { toasts: typeof seen }).toasts = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll("[data-sonner-toast]")) {
          const box = el.getBoundingClientRect();
          if (box.height > 0) seen.push({ text: el.textContent ?? "", height: box.height, right: box.right });
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    const { dialog } = await createServiceToken(page, name);
    const toasts = await page.evaluate(() => (window as unknown as { toasts: { text: string; height: number; right: number }[] }).toasts);
    const created = toasts.filter((t) => t.text.includes("created"));
    expect(created.length, "the toast was shown").toBeGreaterThan(0);
    for (const t of created) {
      expect(t.height, "the toast's height").toBeLessThan(120);
      expect(t.right).toBeLessThanOrEqual(page.viewportSize()!.width);
    }
    await closeReveal(dialog);
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: PHONE });

  test("the reveal dialog of a 255-character name keeps its Copy buttons and Close in view", async ({ page, uniqueName }) => {
    const name = longName(uniqueName("Phone"));
    await openServiceTokens(page);
    await expectNoHorizontalOverflow(page);
    const { dialog } = await createServiceToken(page, name);
    // The toast that says so (it shows for a few seconds) comes from the top, clear of Close.
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: "created" }).first();
    await expect(toast).toBeVisible();
    await animationsSettled(page);
    const [t, c] = [await toast.boundingBox(), await dialog.getByRole("button", { name: "Close", exact: true }).boundingBox()];
    expect(t!.y + t!.height, "the toast ends above the Close button").toBeLessThanOrEqual(c!.y);
    await expect(dialog).toContainText(name);
    await expectInViewport(page, dialog, "the reveal dialog");
    await expectInViewport(page, dialog.getByRole("button", { name: "Close", exact: true }), "Close");
    for (const copy of ["Copy Client ID", "Copy Client Secret"]) {
      const button = dialog.getByRole("button", { name: copy });
      await button.scrollIntoViewIfNeeded();
      await expectInViewport(page, button, copy);
    }
    await closeReveal(dialog);
    await expectNoHorizontalOverflow(page);
  });

  test("the menu button opens the navigation, which closes on Escape and when a link is followed", async ({ page }) => {
    await openServiceTokens(page);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const menuButton = page.getByRole("button", { name: "Open navigation" });
    await expectInViewport(page, menuButton, "the menu button");

    await menuButton.click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer.getByRole("link", { name: "Service Tokens" })).toHaveAttribute("aria-current", "page");
    await expectInViewport(page, drawer, "the navigation");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(menuButton).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(drawer).toBeVisible();
    await drawer.getByRole("link", { name: "Policies" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
    await expect(drawer).toBeHidden();
    await expectNoHorizontalOverflow(page);
  });

  test("row menus and their dialogs fit the screen", async ({ page, uniqueName }) => {
    const name = longName(uniqueName("Menu"));
    await openServiceTokens(page);
    await createAndClose(page, name);
    await openServiceTokens(page, name);
    await expectNoHorizontalOverflow(page);
    await rowAction(page, name, "Delete");
    const dialog = page.getByRole("alertdialog", { name: "Delete service token" });
    await expectInViewport(page, dialog.getByRole("button", { name: "Delete", exact: true }), "Delete");
    await expectInViewport(page, dialog.getByRole("button", { name: "Cancel" }), "Cancel");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
});

test("the first Tab reaches a skip link that moves focus to the page's content", async ({ page }) => {
  await openServiceTokens(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
