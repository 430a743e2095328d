import { expect, test } from "./fixtures";
import { openServiceTokens } from "./support/service-tokens";

test.describe("an account without service tokens", () => {
  test.use({ role: "empty_account" });

  test("invites creating the first token", async ({ page }) => {
    await openServiceTokens(page);
    await expect(page.getByRole("heading", { name: "No service tokens yet" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);

    await page.getByRole("button", { name: "Create your first service token" }).click();
    const form = page.getByRole("dialog", { name: "Create Service Token" });
    await expect(form.getByLabel("Name", { exact: true })).toBeFocused();
    await expect(form.getByLabel("Service Token Duration")).toHaveValue("8760h");
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole("heading", { name: "No service tokens yet" })).toBeVisible();
  });
});
