import { expect, test } from "./fixtures";
import { e2eState } from "./support/state";

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a signed-out visitor is sent to sign in, and the right password opens the Overview, the home", async ({ page }) => {
    const admin = e2eState().admins.super_admin;
    await page.goto("/service-tokens");
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    // Checking a password hash takes a moment on a busy machine.
    await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 20_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByText(admin.email).first()).toBeVisible();
  });

  test("a wrong password shows an error and leaves the visitor signed out", async ({ page }) => {
    const admin = e2eState().admins.access_admin;
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(`${admin.password}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByText("Email or password is incorrect.")).toBeVisible({ timeout: 20_000 });
    await expect(page).toHaveURL(/\/sign-in/);
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session?.adminId ?? null).toBeNull();
    await page.goto("/service-tokens");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
