import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { expectInViewport, expectNoHorizontalOverflow, paintedTheme } from "./layout";

// The screenshots to be looked at after a change to the layout (e2e/screenshots.spec.ts, and the
// set-up page's in e2e/setup.spec.ts, the one place it exists): each shot first asserts what a
// broken layout or theme would fail.

export const SCREENSHOTS = path.join("test-results", "screenshots");

export type Theme = "light" | "dark";

/** One page's shot: its heading is visible, it is painted in `theme`, nothing scrolls sideways; then the full-page PNG. */
export async function shoot(page: Page, theme: Theme, name: string, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: heading }).first()).toBeVisible();
  expect(await paintedTheme(page), `${name}: painted ${theme}`).toEqual({ attribute: theme, dark: theme === "dark" });
  await expectNoHorizontalOverflow(page, name);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${page.viewportSize()!.width}-${theme}.png`), fullPage: true });
}

/** A dialog's shot: its buttons are on screen, the page behind it does not scroll sideways. */
export async function shootDialog(page: Page, theme: Theme, name: string, dialog: Locator, buttons: string[]): Promise<void> {
  await expect(dialog).toBeVisible();
  for (const button of buttons) await expectInViewport(page, dialog.getByRole("button", { name: button, exact: true }), `${name}: ${button}`);
  await expectNoHorizontalOverflow(page, name);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${page.viewportSize()!.width}-${theme}.png`) });
}
