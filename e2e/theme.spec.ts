import { expect, test } from "./fixtures";
import { paintedTheme } from "./support/layout";
import { openServiceTokens } from "./support/service-tokens";

// Dark mode: the system setting by default, a choice in the account menu that the server renders
// from its cookie on every later page (sign-in included).

async function chooseTheme(page: import("@playwright/test").Page, label: "System" | "Light" | "Dark") {
  await page.getByRole("button", { name: /e2e\.gatepost\.test/ }).click();
  await page.getByRole("menuitemradio", { name: label }).click();
}

test.describe("with the system set to dark", () => {
  test.use({ colorScheme: "dark" });

  test("pages render dark by default, and Light overrides it", async ({ page }) => {
    await openServiceTokens(page);
    expect(await paintedTheme(page)).toEqual({ attribute: "system", dark: true });

    await chooseTheme(page, "Light");
    await expect.poll(() => paintedTheme(page)).toEqual({ attribute: "light", dark: false });
  });
});

test("the Dark choice holds across a reload and on the sign-in page, and System goes back to the browser's setting", async ({ page, browser, baseURL }) => {
  await openServiceTokens(page);
  expect(await paintedTheme(page)).toEqual({ attribute: "system", dark: false });

  await chooseTheme(page, "Dark");
  await expect.poll(() => paintedTheme(page)).toEqual({ attribute: "dark", dark: true });
  await page.reload();
  expect(await paintedTheme(page)).toEqual({ attribute: "dark", dark: true });
  // The server rendered it: the very first HTML carries it, before any script runs.
  const html = await (await page.request.get("/service-tokens")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.getByRole("button", { name: /e2e\.gatepost\.test/ }).click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");

  // The cookie belongs to the browser, signed in or not.
  const cookies = (await page.context().cookies()).filter((c) => c.name === "gatepost-theme");
  expect(cookies.map((c) => c.value)).toEqual(["dark"]);
  // An empty storageState: browser.newContext() in a test otherwise signs in like the test's own context.
  const signedOut = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await signedOut.addCookies(cookies);
  const signIn = await signedOut.newPage();
  await signIn.goto("/sign-in");
  await expect(signIn.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  expect(await paintedTheme(signIn)).toEqual({ attribute: "dark", dark: true });
  await signedOut.close();

  await chooseTheme(page, "System");
  await expect.poll(() => paintedTheme(page)).toEqual({ attribute: "system", dark: false });
  await page.reload();
  expect(await paintedTheme(page)).toEqual({ attribute: "system", dark: false });
});
