import { expect, type Locator, type Page } from "@playwright/test";

// Layout checks shared by the responsive, theme and screenshot specs: what a user would see as
// broken (a page that scrolls sideways, a button off screen), measured in the browser.

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectNoHorizontalOverflow(page: Page, what = page.url()): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/**
 * Until the page's animations that end have ended (a drawer sliding in, a dialog scaling up): a box
 * measured mid-animation is not where the user sees it settle. Spinners, which never end, are not waited for.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** The element lies wholly inside the window, without scrolling anything, once it has settled. */
export async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  await animationsSettled(page);
  const box = await locator.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  const viewport = page.viewportSize()!;
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge in a ${viewport.width} px window`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what}: bottom edge in a ${viewport.height} px window`).toBeLessThanOrEqual(viewport.height);
}

/** The theme the page is painted in: the <html> data-theme and whether its background is dark. */
export async function paintedTheme(page: Page): Promise<{ attribute: string | null; dark: boolean }> {
  return page.evaluate(() => {
    // Computed colours come back as oklch(); a canvas turns one into RGB.
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return { attribute: document.documentElement.getAttribute("data-theme"), dark: Math.max(r, g, b) < 80 };
  });
}
